using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Import;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Names;

namespace Ledger.Server.Formats;

/// <summary>
/// A GED version as import lines (docs/CONTRACT.md §3), so that it goes through the one import path: each event an
/// incident <c>ucdp-ged-{id}</c> with UCDP's figures (source <c>ucdp-ged</c>), one figure per side, for civilians and
/// for the unknown, killed, as UCDP's best splits them; the event's low and high stand in each figure's quote. Against
/// what an earlier version left in the ledger, a changed figure is a revision, a new one a report, a moved date, place
/// or type a correction, and an event of the earlier version's countries that this version dropped a retraction, each
/// with "UCDP GED {version}" as its reason. So the changes between two imports are UCDP's changelog. Each line's id
/// names the version, so the same file imported twice appends nothing.
/// </summary>
public sealed class GedImport(string version, NameResolver names, ImportSession session)
{
    public const string Source = "ucdp-ged";
    public const string IncidentPrefix = "ucdp-ged-";

    private readonly ImportLines _lines = new($"ucdp-ged/{version}", names);
    private readonly Dictionary<string, Regions.RegionDefined?> _countries = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, string Country), string?> _divisions = [];

    /// <summary>The import lines, each with the file's line it comes from; or the first row that cannot be imported.</summary>
    public async Task<(IReadOnlyList<(int Line, JsonObject Command)> Lines, FormatError? Error)> LinesAsync(
        IReadOnlyList<GedEvent> events, IReadOnlyCollection<string> earlier)
    {
        await _lines.SourceAsync(session, Source, "UCDP Georeferenced Event Dataset", "https://ucdp.uu.se/");
        // One query for every stream the file names, not one per row.
        await session.PrefetchAsync(events.Select(e => IncidentDecider.Kind.StreamFor(IncidentPrefix + e.Id)).Concat(earlier.Select(IncidentDecider.Kind.StreamFor)));
        var countries = new HashSet<string>(StringComparer.Ordinal);
        var inFile = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            // A file names few countries and divisions, thousands of times: each is resolved once.
            if (!_countries.TryGetValue(e.Country, out var country)) _countries[e.Country] = country = await names.CountryAsync(e.Country);
            if (country is null) return ([], new FormatError(e.Line, "country", $"\"{e.Country}\" is not a country of ISO 3166-1 by name or code"));
            countries.Add(country.Country);
            var incident = IncidentPrefix + e.Id;
            if (!Slug.IsValid(incident)) return ([], new FormatError(e.Line, "id", $"\"{e.Id}\" cannot be part of an incident id (letters, digits, '.', '_', '-')"));
            inFile.Add(incident);
            var figures = new List<(string Party, string PartyClass, int Value)>();
            foreach (var (side, deaths, which) in new[] { (e.SideA, e.DeathsA, "side_a"), (e.SideB, e.DeathsB, "side_b") })
            {
                var (party, partyClass) = await PartyAsync(e, side, which);
                figures.Add((party, partyClass, deaths));
            }
            // In one-sided violence (type 3) side_a is who killed.
            var perpetrator = e.TypeOfViolence == 3 ? figures[0].Party : null;
            string? admin1 = null;
            if (e.WherePrec <= 4 && Admin1(e.Adm1) is { } named && !_divisions.TryGetValue((named, country.Country), out admin1))
                _divisions[(named, country.Country)] = admin1 = (await names.RegionAsync(named, country.Country))?.RegionId;
            var location = Location(e, country.Country, admin1);
            figures.Add(("civilians", "civilians", e.DeathsCivilians));
            figures.Add(("unknown", "unknown", e.DeathsUnknown));
            // A party named twice (side_b "Civilians" in one-sided violence) counts once, with its deaths added.
            var byParty = figures.GroupBy(f => f.Party).Select(g => (Party: g.Key, g.First().PartyClass, Value: g.Sum(f => f.Value))).ToList();
            var state = await session.StateAsync(IncidentDecider.Kind, incident);
            if (!state.Exists) ReportIncident(e, incident, location, perpetrator, byParty);
            else if (!state.Retracted) Revise(e, incident, location, state, byParty);
        }
        foreach (var incident in earlier.Where(i => !inFile.Contains(i)).Order(StringComparer.Ordinal))
        {
            var state = await session.StateAsync(IncidentDecider.Kind, incident);
            if (state.Exists && !state.Retracted && state.Location is { } place && countries.Contains(place.Country))
                Add(events.Count + 1, "retractIncident", incident, new JsonObject
                {
                    ["incidentId"] = incident, ["reason"] = $"UCDP GED {version} no longer holds event {incident[IncidentPrefix.Length..]}",
                });
        }
        return (_lines.Lines, null);
    }

    private Task<(string Id, string PartyClass)> PartyAsync(GedEvent e, string side, string which) =>
        // A government is a state's forces; any other side of UCDP's is an organised armed group.
        _lines.ActorAsync(e.Line, side, side.StartsWith("Government of", StringComparison.OrdinalIgnoreCase) ? "state-forces" : "non-state-armed-groups",
            $"named as {which} of event {e.Id} in UCDP GED {version}");

    private void ReportIncident(GedEvent e, string incident, JsonObject location, string? perpetrator, List<(string Party, string PartyClass, int Value)> figures)
    {
        var report = new JsonObject
        {
            ["incidentId"] = incident, ["title"] = Title(e), ["occurred"] = Occurred(e), ["location"] = location,
            ["type"] = Type(e),
            ["figures"] = new JsonArray(figures.Where(f => f.Value > 0).Select(f => (JsonNode)Figure(e, f.Party, f.PartyClass, f.Value)).ToArray()),
        };
        if (perpetrator is not null) report["perpetrator"] = perpetrator;
        Add(e.Line, "reportIncident", incident, report);
    }

    private void Revise(GedEvent e, string incident, JsonObject location, IncidentState state, List<(string Party, string PartyClass, int Value)> figures)
    {
        var occurred = Occurred(e);
        var country = (string)location["country"]!;
        var corrected = new JsonObject { ["incidentId"] = incident, ["reason"] = $"UCDP GED {version} places or dates the event otherwise" };
        if (state.Occurred is not { } o || o.Start != e.DateStart || o.End != e.DateEnd) corrected["occurred"] = occurred;
        if (state.Location is not { } l || l.Country != country || l.Admin1 != (string?)location["admin1"] || l.Admin2 != e.Adm2
            || l.Lat != e.Latitude || l.Lon != e.Longitude || l.Place != (string?)location["place"])
            corrected["location"] = location.DeepClone();
        if (state.Type != Type(e)) corrected["type"] = Type(e);
        if (corrected.Count > 2) Add(e.Line, "correctIncident", incident, corrected);
        foreach (var (party, partyClass, value) in figures)
        {
            var figureId = FigureIds.For(Source, FigureCategory.Killed, party);
            if (state.Figures.TryGetValue(figureId, out var held) && held.Status != FigureStatus.Retracted)
            {
                if (held.Value is ExactValue { Value: var was } && was == value) continue;
                Add(e.Line, "reviseFigure", incident + "/" + figureId, new JsonObject
                {
                    ["incidentId"] = incident, ["figureId"] = figureId, ["value"] = Exact(value),
                    ["reason"] = $"UCDP GED {version} gives {value} (was {held.Value})", ["url"] = Url(e), ["quote"] = Quote(e),
                });
            }
            else if (value > 0)
            {
                var figure = Figure(e, party, partyClass, value);
                figure["incidentId"] = incident;
                Add(e.Line, "reportFigure", incident + "/" + figureId, figure);
            }
        }
    }

    private void Add(int line, string command, string about, JsonObject body) => _lines.Add(line, command, about, body);

    private JsonObject Figure(GedEvent e, string party, string partyClass, int value) => new()
    {
        ["source"] = Source, ["category"] = "killed", ["party"] = party, ["partyClass"] = partyClass, ["value"] = Exact(value),
        ["certainty"] = "reported", ["url"] = Url(e), ["quote"] = Quote(e),
    };

    private static JsonObject Exact(int value) => ImportLines.Exact(value);

    private static string Url(GedEvent e) => $"https://ucdp.uu.se/event/{Uri.EscapeDataString(e.Id)}";

    private string Quote(GedEvent e)
    {
        var quote = $"UCDP GED {version}, event {e.Id}: best {e.Best} (low {e.Low}, high {e.High}); side_a {e.DeathsA}, side_b {e.DeathsB}, "
            + $"civilians {e.DeathsCivilians}, unknown {e.DeathsUnknown}";
        if (e.SourceArticle is { } article) quote += $". Sources: {article}";
        return ImportLines.Cut(quote, 1000);
    }

    private static string Title(GedEvent e)
    {
        var place = e.Where ?? e.Adm2 ?? e.Adm1;
        var title = $"{e.SideA} – {e.SideB}" + (place is null ? "" : $", {place}");
        return ImportLines.Cut(title, 200);
    }

    /// <summary>UCDP's days as the interval they are; date_prec says how far the interval may reach (GedFile checks it).</summary>
    private static JsonObject Occurred(GedEvent e)
    {
        var occurred = new JsonObject { ["date"] = Day(e.DateStart), ["precision"] = "day" };
        if (e.DateEnd != e.DateStart) occurred["endDate"] = Day(e.DateEnd);
        return occurred;
    }

    private static JsonObject Location(GedEvent e, string country, string? admin1)
    {
        var location = new JsonObject
        {
            ["country"] = country,
            // where_prec: 1 the place, 2 within 25 km, 3 the second-order division, 4 the first, 5 to 7 the country or beyond.
            ["precision"] = e.WherePrec switch { 1 => "exact", 2 => "near", 3 => "admin2", 4 => "admin1", _ => "country" },
        };
        if (admin1 is not null) location["admin1"] = admin1;
        // A first-order division the ledger cannot place is kept in words, and the place counts in its country only.
        else if (e.WherePrec <= 4) location["precision"] = "country";
        if (e.Adm2 is { } admin2) location["admin2"] = admin2;
        if (e.Where is { } where) location["place"] = where.Length <= 200 ? where : where[..200];
        if (e.Latitude is { } lat && e.Longitude is { } lon)
        {
            location["lat"] = lat;
            location["lon"] = lon;
        }
        return location;
    }

    /// <summary>GED names a first-order division with its kind ("Aleppo governorate"): the name is what resolves.</summary>
    private static string? Admin1(string? adm1)
    {
        if (adm1 is null) return null;
        foreach (var kind in new[] { " governorate", " province", " region", " state", " district", " county", " department" })
            if (adm1.EndsWith(kind, StringComparison.OrdinalIgnoreCase)) return adm1[..^kind.Length].Trim();
        return adm1;
    }

    private static string Type(GedEvent e) => e.TypeOfViolence == 3 ? "attack" : "armed-clash";

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

}
