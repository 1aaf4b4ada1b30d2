using Ledger.Reconciliation;

namespace Ledger.Incidents;

/// <summary>One event of an incident's history, with the figure it touched as it was before and after, and the
/// dispute's and resolution's fields at the top level (who disputed, the counter value, the outcome). <see cref="Data"/>
/// is the event's own JSON, the same object the change feed carries; it is filled when read, not stored twice.</summary>
public sealed record IncidentHistoryEntry(
    long Position, string IncidentId, long Version, string Type, DateTimeOffset RecordedAt, string RecordedBy,
    string? FigureId, string? DisputeId, FigureValue? ValueBefore, FigureValue? ValueAfter,
    FigureStatus? StatusBefore, FigureStatus? StatusAfter, string? Reason)
{
    /// <summary>The figure's source and certainty (a claim stays a claim through its revisions).</summary>
    public string? Source { get; init; }
    public Certainty? Certainty { get; init; }
    public string? DisputedBy { get; init; }
    /// <summary>Recorded and shown, never counted (docs/CONTRACT.md §1 rule 6).</summary>
    public FigureValue? CounterValue { get; init; }
    public DisputeOutcome? Outcome { get; init; }
    public System.Text.Json.JsonElement? Data { get; init; }

    /// <summary>When the source published what the event records (a report, a revision, a dispute), where it was given.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The top-level fields that come from the event itself and the figure as it stands after it.</summary>
    public IncidentHistoryEntry With(IIncidentEvent e, FigureState? figure) => e switch
    {
        FigureDisputed d => this with { DisputedBy = d.DisputedBy, CounterValue = d.CounterValue, Source = figure?.Source, Certainty = figure?.Certainty, PublishedAt = d.PublishedAt },
        FigureReported x => this with { Source = figure?.Source, Certainty = figure?.Certainty, PublishedAt = x.PublishedAt },
        FigureRevised x => this with { Source = figure?.Source, Certainty = figure?.Certainty, PublishedAt = x.PublishedAt },
        DisputeResolved r => this with { Outcome = r.Outcome, Source = figure?.Source, Certainty = figure?.Certainty },
        _ => this with { Source = figure?.Source, Certainty = figure?.Certainty },
    };

    public static IncidentHistoryEntry Of(IIncidentEvent e, IncidentState before, IncidentState after, string type, EventContext recorded)
    {
        var (figureId, disputeId, reason) = e switch
        {
            FigureReported x => (x.FigureId, null, null),
            FigureRevised x => (x.FigureId, null, x.Reason),
            FigureDisputed x => (x.FigureId, x.DisputeId, x.Reason),
            DisputeResolved x => (x.FigureId, x.DisputeId, x.Note),
            FigureRetracted x => (x.FigureId, null, x.Reason),
            IncidentCorrected x => (null, null, x.Reason),
            IncidentRetracted x => (null, null, x.Reason),
            _ => ((string?)null, (string?)null, (string?)null),
        };
        var was = figureId is null ? null : before.Figures.GetValueOrDefault(figureId);
        var now = figureId is null ? null : after.Figures.GetValueOrDefault(figureId);
        return new IncidentHistoryEntry(recorded.Position, after.Id ?? before.Id ?? "", recorded.Version, type,
            recorded.RecordedAt, recorded.RecordedBy, figureId, disputeId, was?.Value, now?.Value, was?.Status, now?.Status,
            reason);
    }
}
