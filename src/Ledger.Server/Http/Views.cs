using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.Server.Http;

/// <summary>A figure as the API shows it: current value, standing, and whether a dispute is open on it.</summary>
public sealed record FigureView(string Id, string Source, SourceKind SourceKind, int SourceRank, FigureCategory Category, string Party,
    PartyClass PartyClass, FigureValue Value, Certainty Certainty, DateTimeOffset? PublishedAt, string? Url, string? Quote,
    IReadOnlyDictionary<string, int>? Breakdown, FigureStatus Status, int Revision, bool Disputed);

public sealed record IncidentBody(string Id, string Title, Occurrence Occurred, Location Location, string Type, string? Perpetrator,
    string? Description, bool Retracted, string? RetractionReason, IReadOnlyList<FigureView> Figures,
    IReadOnlyList<ReconciledEstimate> Reconciled, IReadOnlyList<DisputeState> Disputes, long Version)
{
    public static IncidentBody Of(IncidentState s, long version) => new(
        s.Id!, s.Title, s.Occurred!, s.Location!, s.Type, s.Perpetrator, s.Description, s.Retracted, s.RetractionReason,
        s.Figures.Values.Select(f => new FigureView(f.FigureId, f.Source, f.SourceKind, f.SourceRank, f.Category, f.Party, f.PartyClass,
            f.Value, f.Certainty, f.PublishedAt, f.Url, f.Quote, f.Breakdown, f.Status, f.Revision, s.HasOpenDispute(f.FigureId))).ToList(),
        s.Reconcile(), s.Disputes.Values.ToList(), version);
}

public sealed record FigureCreated(string IncidentId, FigureView Figure, long Version, long Position);

public sealed record DisputeCreated(string IncidentId, string DisputeId, string FigureId, long Version, long Position);
