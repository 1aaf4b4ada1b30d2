namespace Ledger.Grains;

/// <summary>
/// Who sends a command and how to recognise it again. <see cref="CommandId"/> (an Idempotency-Key or an
/// import line id) makes a repeat append nothing; <see cref="ExpectedVersion"/> is an If-Match.
/// </summary>
public sealed record CommandMetadata(string RecordedBy, string? CorrelationId = null, string? CommandId = null, long? ExpectedVersion = null);

public enum CommandStatus
{
    Accepted,
    /// <summary>The same command id was applied before: nothing appended, the stream's version returned.</summary>
    Duplicate,
    Refused,
}

public sealed record CommandOutcome(CommandStatus Status, long Version, IReadOnlyList<object> Events, DomainError? Error = null,
    long? LastPosition = null, DateTimeOffset? RecordedAt = null)
{
    public bool Succeeded => Status != CommandStatus.Refused;
}

/// <summary>A state with the stream version it reflects (an ETag).</summary>
public sealed record Versioned<TState>(TState State, long Version);

/// <summary>The stream kept moving under a grain for more attempts than allowed; the caller may retry.</summary>
public sealed class ConcurrencyExhaustedException(string streamId, int attempts)
    : Exception($"stream {streamId} kept changing under {attempts} attempts; try again");
