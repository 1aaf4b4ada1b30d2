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

/// <summary>Teaches a region a name. A region of the atlas (ISO 3166) that the ledger does not hold yet is defined by
/// the same decision, from <see cref="Atlas"/>, so that the name and the region it names enter the log together.</summary>
public sealed record AddRegionAlias(string Alias, bool PCode, string Reason, RegionDefined? Atlas = null) : RegionCommand;
