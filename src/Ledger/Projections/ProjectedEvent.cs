using JasperFx.Events;

namespace Ledger.Projections;

/// <summary>An event as a projection sees it: where it stands in the log and its stream, and its typed data
/// (Marten's daemon has already read and deserialized it).</summary>
public sealed record ProjectedEvent(long Position, string StreamId, long Version, string Type, object Data,
    DateTimeOffset RecordedAt, string RecordedBy)
{
    public EventContext Context => new(Version, Position, RecordedAt, RecordedBy);

    public static ProjectedEvent Of(IEvent e) =>
        new(e.Sequence, e.StreamKey!, e.Version, e.EventTypeName, e.Data, e.Timestamp, e.UserName ?? "");
}
