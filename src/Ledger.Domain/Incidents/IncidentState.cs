using System.Collections.Immutable;
using Ledger.Reconciliation;

namespace Ledger.Incidents;

/// <summary>An incident as its stream says it is now: a pure left fold of its events, one Apply per event.</summary>
public sealed record IncidentState
{
    public static readonly IncidentState Initial = new();

    public string? Id { get; init; }
    public bool Exists => Id is not null;
    public string Title { get; init; } = "";
    public Occurrence? Occurred { get; init; }
    public Location? Location { get; init; }
    public string Type { get; init; } = "";
    public string? Perpetrator { get; init; }
    public string? Description { get; init; }
    public bool Retracted { get; init; }
    public string? RetractionReason { get; init; }
    public ImmutableSortedDictionary<string, FigureState> Figures { get; init; } = ImmutableSortedDictionary.Create<string, FigureState>(StringComparer.Ordinal);
    public ImmutableSortedDictionary<string, DisputeState> Disputes { get; init; } = ImmutableSortedDictionary.Create<string, DisputeState>(StringComparer.Ordinal);

    public IncidentState Apply(IIncidentEvent e, EventContext ctx) => e switch
    {
        IncidentReported x => Apply(x),
        FigureReported x => Apply(x, ctx),
        FigureRevised x => Apply(x, ctx),
        FigureDisputed x => Apply(x),
        DisputeResolved x => Apply(x),
        FigureRetracted x => Apply(x),
        IncidentCorrected x => Apply(x),
        IncidentRetracted x => Apply(x),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not an incident event"),
    };

    public static IncidentState Fold(IEnumerable<(IIncidentEvent Event, EventContext Context)> events) =>
        events.Aggregate(Initial, (s, e) => s.Apply(e.Event, e.Context));

    private IncidentState Apply(IncidentReported e) => this with
    {
        Id = e.IncidentId, Title = e.Title, Occurred = e.Occurred, Location = e.Location, Type = e.Type,
        Perpetrator = e.Perpetrator, Description = e.Description,
    };

    private IncidentState Apply(FigureReported e, EventContext ctx) => this with
    {
        Figures = Figures.Add(e.FigureId, new FigureState(
            e.FigureId, e.Source, e.SourceKind, e.SourceRank, e.Category, e.Party, e.PartyClass, e.Value, e.Certainty,
            e.PublishedAt, e.Url, e.Quote, e.Breakdown, FigureStatus.Active, Revision: 1, ctx.RecordedAt)),
    };

    private IncidentState Apply(FigureRevised e, EventContext ctx) => WithFigure(e.FigureId, f => f with
    {
        // The figure shows its current value's own report: a quote of "three to five" never stands beside "8 to 12".
        Value = e.Value, PublishedAt = e.PublishedAt, Url = e.Url, Quote = e.Quote,
        Revision = f.Revision + 1, RecordedAt = ctx.RecordedAt,
    });

    private IncidentState Apply(FigureDisputed e) => this with
    {
        Disputes = Disputes.Add(e.DisputeId, new DisputeState(e.DisputeId, e.FigureId, e.DisputedBy, e.Reason, e.CounterValue, e.PublishedAt, Outcome: null)),
    };

    private IncidentState Apply(DisputeResolved e)
    {
        var next = this with { Disputes = Disputes.SetItem(e.DisputeId, Disputes[e.DisputeId] with { Outcome = e.Outcome }) };
        // An upheld dispute excludes the figure for good; a later revision does not bring it back.
        return e.Outcome == DisputeOutcome.Upheld
            ? next.WithFigure(e.FigureId, f => f.Status == FigureStatus.Active ? f with { Status = FigureStatus.Excluded } : f)
            : next;
    }

    private IncidentState Apply(FigureRetracted e) => WithFigure(e.FigureId, f => f with { Status = FigureStatus.Retracted });

    private IncidentState Apply(IncidentCorrected e) => this with
    {
        Occurred = e.Occurred ?? Occurred, Location = e.Location ?? Location, Type = e.Type ?? Type,
    };

    private IncidentState Apply(IncidentRetracted e) => this with { Retracted = true, RetractionReason = e.Reason };

    private IncidentState WithFigure(string figureId, Func<FigureState, FigureState> change) =>
        this with { Figures = Figures.SetItem(figureId, change(Figures[figureId])) };

    public bool HasOpenDispute(string figureId) => Disputes.Values.Any(d => d.FigureId == figureId && d.Outcome is null);

    /// <summary>The reconciled rows of docs/CONTRACT.md §1; none for a retracted incident's tallies, but kept for its page.</summary>
    public IReadOnlyList<ReconciledEstimate> Reconcile() =>
        Reconciler.Reconcile(Figures.Values.Select(f => new ReconcilableFigure(
            f.FigureId, f.Source, f.SourceRank, f.Category, f.Party, f.PartyClass, f.Value, f.Certainty,
            f.PublishedAt, f.RecordedAt, f.Status, HasOpenDispute(f.FigureId))));
}

/// <summary>A figure's current value and standing. <see cref="RecordedAt"/> is when its value last changed.</summary>
public sealed record FigureState(
    string FigureId, string Source, Sources.SourceKind SourceKind, int SourceRank,
    FigureCategory Category, string Party, PartyClass PartyClass, FigureValue Value, Certainty Certainty,
    DateTimeOffset? PublishedAt, string? Url, string? Quote, IReadOnlyDictionary<string, int>? Breakdown,
    FigureStatus Status, int Revision, DateTimeOffset RecordedAt);

public sealed record DisputeState(
    string DisputeId, string FigureId, string DisputedBy, string Reason, FigureValue? CounterValue,
    DateTimeOffset? PublishedAt, DisputeOutcome? Outcome);
