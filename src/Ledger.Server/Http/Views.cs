using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Sources;

namespace Ledger.Server.Http;

/// <summary>A figure as the API shows it: current value, standing, and whether a dispute is open on it.</summary>
public sealed record FigureView(string Id, string Source, SourceKind SourceKind, int SourceRank, FigureCategory Category, string Party,
    PartyClass PartyClass, FigureValue Value, Certainty Certainty, DateTimeOffset? PublishedAt, string? Url, string? Quote,
    IReadOnlyDictionary<string, int>? Breakdown, FigureStatus Status, int Revision, bool Disputed);

/// <summary>A place as the API shows it: the governorate's p-code, its name, and what the source wrote.</summary>
public sealed record LocationView(string Country, string? Admin1, string? Admin1Name, string? Admin1Given, string? Admin2, string? Place,
    decimal? Lat, decimal? Lon, LocationPrecision Precision)
{
    public static LocationView Of(Location l, string? admin1Name) =>
        new(l.Country, l.Admin1, admin1Name, l.Admin1Given, l.Admin2, l.Place, l.Lat, l.Lon, l.Precision);
}

/// <summary>A date as the API shows it: the interval of days it stands for, its precision, and the words for it
/// ("June 2020"), so that no reader takes a month's first day for the day.</summary>
public sealed record OccurrenceView(DateOnly Date, DatePrecision Precision, DateOnly EndDate, string Text)
{
    public static OccurrenceView Of(Occurrence o) => new(o.Start, o.Precision, o.End, o.Text);
}

public sealed record IncidentBody(string Id, string Title, OccurrenceView Occurred, LocationView Location, string Type, string? Perpetrator,
    string? Description, bool Retracted, string? RetractionReason, IReadOnlyList<FigureView> Figures,
    IReadOnlyList<ReconciledEstimate> Reconciled, IReadOnlyList<DisputeState> Disputes, long Version)
{
    /// <summary>The incident's answer; <paramref name="regionName"/> names a region id (the governorate), by
    /// default from the gazetteer.</summary>
    public static IncidentBody Of(IncidentState s, long version, Func<string?, string?>? regionName = null) => new(
        s.Id!, s.Title, OccurrenceView.Of(s.Occurred!), LocationView.Of(s.Location!, (regionName ?? Regions.IsoCodes.Index.NameOf)(s.Location!.Admin1)), s.Type, s.Perpetrator, s.Description, s.Retracted, s.RetractionReason,
        s.Figures.Values.Select(f => new FigureView(f.FigureId, f.Source, f.SourceKind, f.SourceRank, f.Category, f.Party, f.PartyClass,
            f.Value, f.Certainty, f.PublishedAt, f.Url, f.Quote, f.Breakdown, f.Status, f.Revision, s.HasOpenDispute(f.FigureId))).ToList(),
        s.Reconcile(), s.Disputes.Values.ToList(), version);
}

public sealed record FigureCreated(string IncidentId, FigureView Figure, long Version, long Position);

public sealed record DisputeCreated(string IncidentId, string DisputeId, string FigureId, long Version, long Position);
