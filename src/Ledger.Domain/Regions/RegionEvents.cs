using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.Regions;

public enum RegionLevel { Country, Admin1, Admin2, Area }

/// <summary>An event of stream <c>region-{id}</c>.</summary>
public interface IRegionEvent;

/// <summary>A region; for an area, <see cref="Members"/> are the admin1 ids it covers. <see cref="NameAr"/> is its
/// Arabic name and <see cref="IsoCode"/> its ISO 3166 code (3166-2 for a governorate), where it has them.</summary>
public sealed record RegionDefined(
    string RegionId, string Name, string Country, RegionLevel Level, string? ParentId,
    IReadOnlyList<string> Aliases, IReadOnlyList<string> Members, string? NameAr = null, string? IsoCode = null) : IRegionEvent;

/// <summary>A period a regional figure covers; an open end means "to the date it was published".</summary>
public sealed record Period(DateOnly From, DateOnly? To = null);

/// <summary>A source's aggregate for an area and a period. Never added into incident tallies.</summary>
public sealed record RegionalFigureReported(
    string FigureId, string Source, SourceKind SourceKind, int SourceRank, FigureCategory Category, PartyClass PartyClass,
    Period Period, FigureValue Value, Certainty Certainty, DateTimeOffset? PublishedAt, string? Url, string? Quote,
    IReadOnlyDictionary<string, int>? Breakdown = null) : IRegionEvent;

public sealed record RegionalFigureRevised(
    string FigureId, FigureValue Value, DateTimeOffset? PublishedAt, string Reason, string? Url, string? Quote) : IRegionEvent;

public sealed record RegionalFigureDisputed(
    string DisputeId, string FigureId, string DisputedBy, string Reason, FigureValue? CounterValue, DateTimeOffset? PublishedAt) : IRegionEvent;

/// <summary>A name an editor taught the ledger for a region: a spelling sources use ("Aden", "عدن"), or, with
/// <see cref="PCode"/>, its OCHA p-code. Both resolve to the region from then on.</summary>
public sealed record RegionAliasAdded(string RegionId, string Alias, bool PCode, string Reason) : IRegionEvent;
