using Ledger.EventStore;
using Ledger.Reconciliation;

namespace Ledger.Incidents;

/// <summary>One event of an incident's history, with the figure it touched as it was before and after.</summary>
public sealed record IncidentHistoryEntry(
    long Position, string IncidentId, long Version, string Type, DateTimeOffset RecordedAt, string RecordedBy,
    string? FigureId, string? DisputeId, FigureValue? ValueBefore, FigureValue? ValueAfter,
    FigureStatus? StatusBefore, FigureStatus? StatusAfter, string? Reason, string Data)
{
    public static IncidentHistoryEntry Of(IIncidentEvent e, IncidentState before, IncidentState after, RecordedEvent recorded)
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
        return new IncidentHistoryEntry(recorded.Position, after.Id ?? before.Id ?? "", recorded.Version, recorded.Type,
            recorded.RecordedAt, recorded.RecordedBy, figureId, disputeId, was?.Value, now?.Value, was?.Status, now?.Status,
            reason, recorded.Data);
    }
}
