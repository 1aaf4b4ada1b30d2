namespace Ledger.EventStore;

/// <summary>Who and why, recorded with every event. recordedAt is the server's, never the caller's.</summary>
public sealed record EventMetadata(string RecordedBy, string? CorrelationId = null, string? CausationId = null);

/// <summary>An event to append: its id makes the append idempotent, its data is JSON.</summary>
public sealed record EventData(Guid EventId, string Type, string Data, EventMetadata Metadata);

/// <summary>One stream's share of an append: all or nothing, at the expected version (0 = the stream is new).</summary>
public sealed record StreamAppend(string StreamId, long ExpectedVersion, IReadOnlyList<EventData> Events);

public sealed record RecordedEvent(
    long Position, Guid EventId, string StreamId, long Version, string Type, string Data,
    DateTimeOffset RecordedAt, string RecordedBy, string? CorrelationId, string? CausationId, byte[] Hash)
{
    public EventContext Context => new(Version, Position, RecordedAt, RecordedBy);
}

/// <summary>What became of one stream's append inside a batch: a result, or the error for that stream alone.</summary>
public sealed record AppendOutcome(AppendResult? Result, Exception? Error);

/// <summary>The outcome of a stream append. <see cref="Duplicate"/>: the same events were already stored, nothing was added.</summary>
public sealed record AppendResult(string StreamId, long Version, long FirstPosition, long LastPosition, DateTimeOffset RecordedAt, bool Duplicate);

/// <summary>The stream has moved on: another writer appended first. Never a silent overwrite.</summary>
public sealed class WrongExpectedVersionException(string streamId, long expected, long actual)
    : Exception($"stream {streamId} is at version {actual}, not the expected {expected}")
{
    public string StreamId { get; } = streamId;
    public long Expected { get; } = expected;
    public long Actual { get; } = actual;
}

/// <summary>An event id is already stored with other content, or elsewhere: a retry must resend the same events.</summary>
public sealed class EventIdConflictException(Guid eventId, string reason)
    : Exception($"event {eventId} is already stored {reason}")
{
    public Guid EventId { get; } = eventId;
}

public sealed record BrokenLink(string StreamId, long Version, Guid? EventId, string Reason);

/// <summary>Positions no event holds and no write of the store recorded leaving: an event deleted, or a writer killed
/// in the middle of its transaction (a checkpoint taken before tells which).</summary>
public sealed record PositionGap(long First, long Last);

/// <summary>What verify found: each stream's broken link, and the position gaps it cannot account for (gaps the store
/// recorded leaving, <see cref="RecordedGapPositions"/> of them, are not problems).</summary>
public sealed record VerifyReport(bool Ok, long StreamsChecked, long EventsChecked, IReadOnlyList<BrokenLink> Broken)
{
    public IReadOnlyList<PositionGap> Gaps { get; init; } = [];
    public long RecordedGapPositions { get; init; }
}

public interface IEventStore
{
    /// <summary>Appends to one stream, all or nothing; throws <see cref="WrongExpectedVersionException"/> or
    /// <see cref="EventIdConflictException"/>. A retry of events that did land returns their result again.</summary>
    Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken ct = default);

    /// <summary>Many streams in one transaction, each all or nothing: a stale stream or a repeated event id gets
    /// its own error (or duplicate answer) and every other append lands.</summary>
    Task<AppendOutcome[]> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default);

    Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken ct = default);

    /// <summary>Several streams in one query, each in version order.</summary>
    Task<ILookup<string, RecordedEvent>> ReadStreamsAsync(IReadOnlyCollection<string> streamIds, CancellationToken ct = default);

    /// <summary>Events after a position, in position order. Never skips an event that commits later
    /// with a lower position: positions are allocated in commit order.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken ct = default);

    Task<long> HeadPositionAsync(CancellationToken ct = default);

    Task<VerifyReport> VerifyAsync(CancellationToken ct = default);
}
