namespace Ledger;

/// <summary>What the store recorded about an event, as folds see it: they never read clocks themselves.</summary>
public sealed record EventContext(long Version, long Position, DateTimeOffset RecordedAt, string RecordedBy);
