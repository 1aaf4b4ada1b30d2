namespace Ledger.Grains;

/// <summary>
/// Who sends a command and how to recognise it again. <see cref="CommandId"/> (an Idempotency-Key or an
/// import line id) makes a repeat append nothing; <see cref="ExpectedVersion"/> is an If-Match.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CommandMetadata(
    [property: Id(0)] string RecordedBy,
    [property: Id(1)] string? CorrelationId = null,
    [property: Id(2)] string? CommandId = null,
    [property: Id(3)] long? ExpectedVersion = null);

public enum CommandStatus
{
    Accepted,
    /// <summary>The same command id was applied before: nothing appended, the stream's version returned.</summary>
    Duplicate,
    Refused,
}

[GenerateSerializer, Immutable]
public sealed record CommandOutcome(
    [property: Id(0)] CommandStatus Status,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<object> Events,
    [property: Id(3)] DomainError? Error = null,
    [property: Id(4)] long? LastPosition = null,
    [property: Id(5)] DateTimeOffset? RecordedAt = null)
{
    public bool Succeeded => Status != CommandStatus.Refused;
}

/// <summary>A state with the stream version it reflects (an ETag).</summary>
[GenerateSerializer, Immutable]
public sealed record Versioned<TState>([property: Id(0)] TState State, [property: Id(1)] long Version);

/// <summary>The stream kept moving under a grain for more attempts than allowed; the caller may retry.</summary>
[GenerateSerializer]
public sealed class ConcurrencyExhaustedException : Exception
{
    public ConcurrencyExhaustedException(string streamId, int attempts)
        : base($"stream {streamId} kept changing under {attempts} attempts; try again") { }
}

/// <summary>The event store could not be reached, or failed without saying whether a write landed: the caller may
/// retry (with its Idempotency-Key, a write that did land is not repeated).</summary>
[GenerateSerializer]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string message) : base(message) { }

    /// <summary>The failures that mean "the database cannot be reached or did not answer": everywhere the ledger
    /// turns them into a 503 or a retry, it asks here.</summary>
    public static bool IsCause(Exception ex) =>
        ex is Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException;
}
