using Ledger.Incidents;
using Ledger.Reconciliation;

namespace Ledger.Changes;

/// <summary>A point of the log an answer is about: its position and when the last event up to it was recorded.</summary>
public sealed record LogPoint(long Position, DateTimeOffset? RecordedAt, string? Release = null);

/// <summary>An incident reported, corrected or retracted.</summary>
public sealed record IncidentChange(long Position, DateTimeOffset RecordedAt, string RecordedBy, string IncidentId, string Change, string? Reason);

/// <summary>A figure reported, revised, disputed, resolved or retracted, with its value and status before and after.</summary>
public sealed record FigureChange(long Position, DateTimeOffset RecordedAt, string RecordedBy, string IncidentId, string FigureId, string Change,
    FigureValue? ValueBefore, FigureValue? ValueAfter, FigureStatus? StatusBefore, FigureStatus? StatusAfter, string? DisputeId, string? Reason);

/// <summary>A tally row (country, governorate, category) whose numbers differ between the two points.</summary>
public sealed record TallyMove(string? Country, string? Admin1, FigureCategory Category, long? LowBefore, long? BestBefore, long? HighBefore,
    long? LowAfter, long? BestAfter, long? HighAfter, long IncidentsBefore, long IncidentsAfter);

/// <summary>What changed from <see cref="From"/> (excluded) to <see cref="To"/> (included): a release's changelog,
/// computed from the log. <see cref="NextFrom"/> is the <c>from</c> of the next page of events when there are more.</summary>
public sealed record ChangeSet(LogPoint From, LogPoint To, IReadOnlyList<IncidentChange> Incidents, IReadOnlyList<FigureChange> Figures,
    IReadOnlyList<TallyMove> Tallies, long? NextFrom);

public static class ChangeKinds
{
    /// <summary>The word a changelog uses for an event, and whether it is about the incident (else a figure).</summary>
    public static (string Change, bool OfIncident) Of(string eventType) => eventType switch
    {
        nameof(IncidentReported) => ("reported", true),
        nameof(IncidentCorrected) => ("corrected", true),
        nameof(IncidentRetracted) => ("retracted", true),
        nameof(FigureReported) => ("reported", false),
        nameof(FigureRevised) => ("revised", false),
        nameof(FigureDisputed) => ("disputed", false),
        nameof(DisputeResolved) => ("resolved", false),
        nameof(FigureRetracted) => ("retracted", false),
        _ => (eventType, true),
    };
}
