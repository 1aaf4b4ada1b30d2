using Ledger.Incidents;
using Ledger.Reconciliation;

namespace Ledger.Regions;

public abstract record RegionCommand;

public sealed record DefineRegion(
    string RegionId, string Name, string Country, RegionLevel Level, string? ParentId = null,
    IReadOnlyList<string>? Aliases = null, IReadOnlyList<string>? Members = null, string? NameAr = null, string? IsoCode = null) : RegionCommand;

public sealed record ReportRegionalFigure(
    SourceRef Source, FigureCategory Category, PartyClass PartyClass, Period Period, FigureValue Value, Certainty Certainty,
    DateTimeOffset? PublishedAt = null, string? Url = null, string? Quote = null, IReadOnlyDictionary<string, int>? Breakdown = null) : RegionCommand;

public sealed record ReviseRegionalFigure(string FigureId, FigureValue Value, string Reason, DateTimeOffset? PublishedAt = null, string? Url = null, string? Quote = null) : RegionCommand;

public sealed record DisputeRegionalFigure(string FigureId, string DisputedBy, string Reason, FigureValue? CounterValue = null, DateTimeOffset? PublishedAt = null) : RegionCommand;
