using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Import;
using Ledger.Incidents;
using Ledger.Names;
using Ledger.Reconciliation;

namespace Ledger.Server.Formats;

/// <summary>
/// An ACLED export as import lines: each event an incident <c>acled-{event_id_cnty}</c> with ACLED's single figure,
/// <c>fatalities</c>, killed, for no party (party <c>unknown</c>), <c>notes</c> its quote, <c>actor1</c> its
/// perpetrator. Against an earlier export: a changed count is a revision, a moved date, place or type a correction,
/// and an event of the file's countries and dates that the export no longer holds a retraction. ACLED's
/// <c>timestamp</c> (when the row last changed) is in each line's id, so an unchanged row appends nothing.
/// </summary>
public sealed class AcledImport(NameResolver names, ImportSession session)
{
    public const string Source = "acled";
    public const string IncidentPrefix = "acled-";

    private readonly ImportLines _lines = new("acled", names);

    public async Task<(IReadOnlyList<(int Line, JsonObject Command)> Lines, FormatError? Error)> LinesAsync(
        IReadOnlyList<AcledEvent> events, IReadOnlyCollection<string> earlier)
    {
        await _lines.SourceAsync(session, Source, "ACLED (Armed Conflict Location & Event Data)", "https://acleddata.com/");
        await session.PrefetchAsync(events.Select(e => IncidentDecider.Kind.StreamFor(Incident(e))).Concat(earlier.Select(IncidentDecider.Kind.StreamFor)));
        var countries = new HashSet<string>(StringComparer.Ordinal);
        var inFile = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var country = await names.CountryAsync(e.Country);
            if (country is null) return ([], new FormatError(e.Line, "country", $"\"{e.Country}\" is not a country of ISO 3166-1 by name or code"));
            countries.Add(country.Country);
            var incident = Incident(e);
            if (!Slug.IsValid(incident)) return ([], new FormatError(e.Line, "event_id_cnty", $"\"{e.Id}\" cannot be part of an incident id (letters, digits, '.', '_', '-')"));
            inFile.Add(incident);
            var (perpetrator, _) = await _lines.ActorAsync(e.Line, e.Actor1, PartyClassOf(e.Inter1), $"named as actor1 of ACLED event {e.Id}");
            var admin1 = e.GeoPrecision <= 3 && e.Admin1 is { } named ? (await names.RegionAsync(named, country.Country))?.RegionId : null;
            var location = Location(e, country.Country, admin1);
            var about = $"{incident}/{e.Timestamp}";
            var state = await session.StateAsync(IncidentDecider.Kind, incident);
            if (!state.Exists)
                _lines.Add(e.Line, "reportIncident", about, new JsonObject
                {
                    ["incidentId"] = incident, ["title"] = Title(e), ["occurred"] = Occurred(e), ["location"] = location, ["type"] = Type(e),
                    ["perpetrator"] = perpetrator, ["figures"] = new JsonArray(Figure(e)),
                });
            else if (!state.Retracted) Revise(e, incident, about, location, state);
        }
        var (first, last) = events.Count == 0 ? (default, default) : (events.Min(e => e.Date), events.Max(e => e.Date));
        foreach (var incident in earlier.Where(i => !inFile.Contains(i)).Order(StringComparer.Ordinal))
        {
            var state = await session.StateAsync(IncidentDecider.Kind, incident);
            // Only what this export covers: its countries and its dates (an export is often of a period).
            if (state.Exists && !state.Retracted && state.Location is { } place && countries.Contains(place.Country)
                && state.Occurred is { } when && when.Start >= first && when.End <= last)
                _lines.Add(events.Count + 1, "retractIncident", incident + "/dropped", new JsonObject
                {
                    ["incidentId"] = incident, ["reason"] = $"ACLED's export of {first:yyyy-MM-dd} to {last:yyyy-MM-dd} no longer holds event {incident[IncidentPrefix.Length..]}",
                });
        }
        return (_lines.Lines, null);
    }

    private void Revise(AcledEvent e, string incident, string about, JsonObject location, IncidentState state)
    {
        var changed = $"ACLED changed event {e.Id} on {DateTimeOffset.FromUnixTimeSeconds(e.Timestamp):yyyy-MM-dd}";
        var corrected = new JsonObject { ["incidentId"] = incident, ["reason"] = changed };
        var occurred = Occurred(e);
        if (state.Occurred is not { } o || o.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) != (string)occurred["date"]! || o.Precision.ToString().ToLowerInvariant() != (string)occurred["precision"]!)
            corrected["occurred"] = occurred;
        if (state.Location is not { } l || l.Admin1 != (string?)location["admin1"] || l.Lat != e.Latitude || l.Lon != e.Longitude || l.Place != e.Location)
            corrected["location"] = location.DeepClone();
        if (state.Type != Type(e)) corrected["type"] = Type(e);
        if (corrected.Count > 2) _lines.Add(e.Line, "correctIncident", about, corrected);
        var figureId = FigureIds.For(Source, FigureCategory.Killed, "unknown");
        if (state.Figures.TryGetValue(figureId, out var held) && held.Status != FigureStatus.Retracted)
        {
            if (held.Value is ExactValue { Value: var was } && was == e.Fatalities) return;
            _lines.Add(e.Line, "reviseFigure", about, new JsonObject
            {
                ["incidentId"] = incident, ["figureId"] = figureId, ["value"] = ImportLines.Exact(e.Fatalities),
                ["reason"] = $"{changed}: fatalities {e.Fatalities} (was {held.Value})", ["quote"] = Quote(e),
            });
        }
        else
        {
            var figure = Figure(e);
            figure["incidentId"] = incident;
            _lines.Add(e.Line, "reportFigure", about, figure);
        }
    }

    private static string Incident(AcledEvent e) => IncidentPrefix + e.Id.ToLowerInvariant();

    private static JsonObject Figure(AcledEvent e) => new()
    {
        ["source"] = Source, ["category"] = "killed", ["party"] = "unknown", ["partyClass"] = "unknown",
        ["value"] = ImportLines.Exact(e.Fatalities), ["certainty"] = "reported", ["quote"] = Quote(e),
    };

    private static string Quote(AcledEvent e) =>
        ImportLines.Cut($"ACLED event {e.Id}" + (e.Notes is { } notes ? $": {notes}" : "") + (e.Source is { } source ? $" (sources: {source})" : ""), 1000);

    private static string Title(AcledEvent e) =>
        ImportLines.Cut($"{e.SubEventType}: {e.Actor1}" + (e.Actor2 is { } other ? $" – {other}" : "") + (e.Location is { } place ? $", {place}" : ""), 200);

    /// <summary>time_precision 1 is the day; 2 a week around it; 3 its month.</summary>
    private static JsonObject Occurred(AcledEvent e) => e.TimePrecision switch
    {
        1 => new JsonObject { ["date"] = Day(e.Date), ["precision"] = "day" },
        2 => new JsonObject { ["date"] = Day(e.Date.AddDays(-3)), ["precision"] = "week" },
        _ => new JsonObject { ["date"] = Day(new DateOnly(e.Date.Year, e.Date.Month, 1)), ["precision"] = "month" },
    };

    private static JsonObject Location(AcledEvent e, string country, string? admin1)
    {
        var location = new JsonObject
        {
            ["country"] = country,
            ["precision"] = admin1 is null ? "country" : e.GeoPrecision switch { 1 => "exact", 2 => "near", _ => "admin1" },
        };
        if (admin1 is not null) location["admin1"] = admin1;
        if (e.Admin2 is { } admin2) location["admin2"] = ImportLines.Cut(admin2, 200);
        if (e.Location is { } place) location["place"] = ImportLines.Cut(place, 200);
        if (e.Latitude is { } lat && e.Longitude is { } lon)
        {
            location["lat"] = lat;
            location["lon"] = lon;
        }
        return location;
    }

    /// <summary>ACLED's event types in the ledger's typology.</summary>
    private static string Type(AcledEvent e) => e.SubEventType.ToLowerInvariant() switch
    {
        "air/drone strike" => "air-strike",
        "shelling/artillery/missile attack" => "shelling",
        "remote explosive/landmine/ied" or "grenade" => "explosive-device",
        "suicide bomb" => "suicide-attack",
        "abduction/forced disappearance" => "abduction",
        "government regains territory" or "non-state actor overtakes territory" => "territory-taken",
        "armed clash" => "armed-clash",
        "attack" => "attack",
        "arrests" => "raid",
        _ => "other",
    };

    /// <summary>ACLED's inter codes (numbers in older exports, words in newer ones) as party classes.</summary>
    private static string PartyClassOf(string? inter) => inter?.Trim().ToLowerInvariant() switch
    {
        "1" or "state forces" => "state-forces",
        "7" or "civilians" => "civilians",
        "8" or "external/other forces" => "foreign-forces",
        _ => "non-state-armed-groups",
    };

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
