using Ledger.EventStore;
using Ledger.Projections;
using Ledger.Serialization;

namespace Ledger.Incidents;

/// <summary>An incident as it stood at a position: the fold of its stream up to there, never the present relabelled.
/// The API's and the page's as-of reads both take it from here.</summary>
public static class IncidentAsOf
{
    /// <summary>The incident at <paramref name="position"/>, or null when it had not been reported by then.</summary>
    public static async Task<IncidentView?> ReadAsync(IEventStore store, string id, long position, CancellationToken ct = default)
    {
        var events = (await store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(id), ct: ct)).Where(e => e.Position <= position).ToList();
        return Fold(events);
    }

    /// <summary>The incident one stream's events make, in version order (those up to the point wanted), or null when they
    /// report none.</summary>
    public static IncidentView? Fold(IReadOnlyList<RecordedEvent> events)
    {
        if (events.Count == 0) return null;
        var state = IncidentDecider.Kind.Fold(events.Select(e => ((IIncidentEvent)EventTypes.Ledger.Deserialize(e.Type, e.Data), e.Context)));
        return state.Exists ? new IncidentView(state, events.Count, events[^1].Position, events[0].RecordedAt, events[^1].RecordedAt) : null;
    }
}
