using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger.Server.Http;

// Request bodies of docs/CONTRACT.md §2. Required members must be present, unknown members are refused.

public sealed record RegisterSourceRequest(string Id, string Name, SourceKind Kind, string? Url = null, int? Rank = null);

public sealed record DefineRegionRequest(string Id, string Name, string Country, RegionLevel Level, string? ParentId = null,
    List<string>? Aliases = null, List<string>? Members = null, string? NameAr = null, string? IsoCode = null);

public sealed record OccurredBody(DateOnly Date, DatePrecision Precision = DatePrecision.Day, DateOnly? EndDate = null);

/// <summary>A place as a request gives it. Without admin1 (the source names no governorate) the precision
/// defaults to country, and the incident counts in its country but in no governorate.</summary>
public sealed record LocationBody(string Country, string? Admin1 = null, string? Admin2 = null, string? Place = null,
    decimal? Lat = null, decimal? Lon = null, LocationPrecision? Precision = null);

public sealed record FigureRequest(string Source, FigureCategory Category, string Party, PartyClass PartyClass, FigureValue Value,
    Certainty Certainty, DateTimeOffset? PublishedAt = null, string? Url = null, string? Quote = null, Dictionary<string, int>? Breakdown = null);

public sealed record ReportIncidentRequest(string Title, OccurredBody Occurred, LocationBody Location, string Type, string? Id = null,
    string? Perpetrator = null, string? Description = null, List<FigureRequest>? Figures = null);

/// <summary>Several figures for one incident at once, all or none.</summary>
public sealed record FiguresRequest(List<FigureRequest> Figures);

public sealed record ReviseFigureRequest(FigureValue Value, string Reason, DateTimeOffset? PublishedAt = null, string? Url = null, string? Quote = null);

public sealed record DisputeFigureRequest(string DisputedBy, string Reason, FigureValue? CounterValue = null, DateTimeOffset? PublishedAt = null);

public sealed record ResolveDisputeRequest(DisputeOutcome Outcome, string Note);

public sealed record RetractionRequest(string Reason);

public sealed record CorrectionRequest(string Reason, OccurredBody? Occurred = null, LocationBody? Location = null, string? Type = null);

public sealed record PeriodBody(DateOnly From, DateOnly? To = null);

public sealed record RegionalFigureRequest(string Source, PeriodBody Period, FigureCategory Category, PartyClass PartyClass, FigureValue Value,
    Certainty Certainty = Certainty.Reported, DateTimeOffset? PublishedAt = null, string? Url = null, string? Quote = null,
    Dictionary<string, int>? Breakdown = null);

/// <summary>POST /api/releases: a name for a position (the head when none is given).</summary>
public sealed record CreateReleaseRequest(string Name, long? Position = null, string? Note = null);
