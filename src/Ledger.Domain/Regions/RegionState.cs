using System.Collections.Immutable;
using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.Regions;

/// <summary>A region as its stream says it is now; a pure fold like <see cref="Incidents.IncidentState"/>.</summary>
public sealed record RegionState
{
    public static readonly RegionState Initial = new();

    public RegionDefined? Definition { get; init; }
    public bool Exists => Definition is not null;
    public ImmutableSortedDictionary<string, RegionalFigureState> Figures { get; init; } = ImmutableSortedDictionary.Create<string, RegionalFigureState>(StringComparer.Ordinal);
    public int DisputeCount { get; init; }

    /// <summary>The OCHA p-codes an editor attached (they resolve as aliases too).</summary>
    public ImmutableList<string> PCodes { get; init; } = [];

    public RegionState Apply(IRegionEvent e, EventContext ctx) => e switch
    {
        RegionDefined x => this with { Definition = x },
        RegionalFigureReported x => Apply(x, ctx),
        RegionalFigureRevised x => Apply(x, ctx),
        RegionalFigureDisputed x => Apply(x),
        RegionAliasAdded x => this with
        {
            Definition = Definition! with { Aliases = [.. Definition.Aliases, x.Alias] },
            PCodes = x.PCode ? PCodes.Add(x.Alias) : PCodes,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not a region event"),
    };

    private RegionState Apply(RegionalFigureReported e, EventContext ctx) => this with
    {
        Figures = Figures.Add(e.FigureId, new RegionalFigureState(e.FigureId, e.Source, e.SourceKind, e.SourceRank, e.Category,
            e.PartyClass, e.Period, e.Value, e.Certainty, e.PublishedAt, e.Url, e.Quote, Revision: 1, ctx.RecordedAt, OpenDisputes: 0, e.Breakdown)),
    };

    private RegionState Apply(RegionalFigureRevised e, EventContext ctx) => WithFigure(e.FigureId, f => f with
    {
        Value = e.Value, PublishedAt = e.PublishedAt, Url = e.Url, Quote = e.Quote,
        Revision = f.Revision + 1, RecordedAt = ctx.RecordedAt,
    });

    private RegionState Apply(RegionalFigureDisputed e) =>
        WithFigure(e.FigureId, f => f with { OpenDisputes = f.OpenDisputes + 1 }) with { DisputeCount = DisputeCount + 1 };

    private RegionState WithFigure(string id, Func<RegionalFigureState, RegionalFigureState> change) =>
        this with { Figures = Figures.SetItem(id, change(Figures[id])) };
}

public sealed record RegionalFigureState(
    string FigureId, string Source, SourceKind SourceKind, int SourceRank, FigureCategory Category, PartyClass PartyClass,
    Period Period, FigureValue Value, Certainty Certainty, DateTimeOffset? PublishedAt, string? Url, string? Quote,
    int Revision, DateTimeOffset RecordedAt, int OpenDisputes, IReadOnlyDictionary<string, int>? Breakdown = null);
