using System.Text.Json;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Regions;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

/// <summary>
/// The incidents in UCDP GED's and ACLED's shapes (<c>ged.csv</c>, <c>acled.csv</c>): their codebooks' columns in their
/// order, a header row only, the same filters, as-of and release as every export. What their shape cannot hold (the
/// ledger's id, claims standing alone, disputes, open highs, unquantified figures, the other categories) is in one last
/// column, <c>ledger_extra</c>, as JSON: never silently dropped. Killed only, as both codebooks count deaths.
/// </summary>
public static class ForeignExports
{
    private static readonly string[] Ged =
    [
        "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id", "conflict_name",
        "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
        "number_of_sources", "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
        "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id",
        "region", "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
        "high", "low", "gwnoa", "gwnob", "ledger_extra",
    ];

    private static readonly string[] Acled =
    [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
        "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
        "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
        "ledger_extra",
    ];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapRead("/ged.csv", (HttpContext ctx, IncidentQueries queries, Lookups lookups, Npgsql.NpgsqlDataSource db) =>
            ExportAsync(ctx, queries, lookups, db, "ged.csv", Ged, GedRow))
            .Produces(200, contentType: "text/csv").Query([.. QueryParameters.IncidentFilters, QueryParameters.Bom]);
        api.MapRead("/acled.csv", (HttpContext ctx, IncidentQueries queries, Lookups lookups, Npgsql.NpgsqlDataSource db) =>
            ExportAsync(ctx, queries, lookups, db, "acled.csv", Acled, AcledRow))
            .Produces(200, contentType: "text/csv").Query([.. QueryParameters.IncidentFilters, QueryParameters.Bom]);
    }

    private delegate object?[] Shape(IncidentState s, IReadOnlyList<ReconciledEstimate> rows, Lookups lookups, Actors.ActorIndex actors);

    private static async Task<IResult> ExportAsync(HttpContext ctx, IncidentQueries queries, Lookups lookups,
        Npgsql.NpgsqlDataSource db, string file, string[] columns, Shape shape)
    {
        var q = new QueryParams(ctx);
        var filter = await q.IncidentFilterAsync(lookups);
        var bom = q.Bool("bom") ?? true;
        if (q.Problem is not null) return q.Problem;
        var point = await ReadPoint.ResolveAsync(db, filter.AsOfPosition, filter.AsOf, ctx.RequestAborted) is { } p ? await ReadPoint.AtAsync(db, p, ctx.RequestAborted) : null;
        filter = filter with { AsOfPosition = point?.Position };
        var actors = await lookups.ActorsAsOfAsync(point?.Position, ctx.RequestAborted);
        return Csv.Streamed([.. columns.Select(c => (c, ""))], file, bom, async (csv, ct) =>
        {
            string? cursor = null;
            do
            {
                var page = await queries.ListAsync(filter, cursor, 500, ct, point);
                foreach (var i in page.Incidents) csv.Row(shape(i.State, i.Reconciled, lookups, actors));
                await csv.FlushAsync(ct);
                cursor = page.NextCursor;
            } while (cursor is not null);
        }, point, q.Text("release"), foreign: true);
    }

    private static object?[] GedRow(IncidentState s, IReadOnlyList<ReconciledEstimate> rows, Lookups lookups, Actors.ActorIndex actors)
    {
        var killed = Killed(rows);
        long Best(params PartyClass[] classes) => killed.Where(r => classes.Contains(r.PartyClass)).Sum(r => r.Best ?? 0);
        var (sideA, sideB) = Sides(s, actors);
        var (start, end) = (s.Occurred!.Start, s.Occurred.End);
        var span = end.DayNumber - start.DayNumber;
        var l = s.Location!;
        var oneSided = !IsBattle(s.Type);
        return
        [
            s.Id!.StartsWith(Formats.GedImport.IncidentPrefix, StringComparison.Ordinal) ? s.Id[Formats.GedImport.IncidentPrefix.Length..] : s.Id,
            null, start.Year, null, null,
            oneSided ? 3 : killed.Any(r => r.PartyClass == PartyClass.StateForces) || sideA is not null && HasState(s) ? 1 : 2,
            null, null, null, null, null, null, null, null, sideA ?? "", null, null, oneSided && sideB is null ? "Civilians" : sideB ?? "",
            Sources(s).Count, string.Join("; ", Sources(s)), null, null, null, null,
            l.Precision switch { LocationPrecision.Exact => 1, LocationPrecision.Near => 2, LocationPrecision.Admin2 => 3, LocationPrecision.Admin1 => 4, _ => 6 },
            l.Place, l.Place, lookups.NameOf(l.Admin1), l.Admin2, l.Lat, l.Lon,
            l.Lat is { } lat && l.Lon is { } lon ? FormattableString.Invariant($"POINT ({lon} {lat})") : null, null,
            IsoCodes.Index.Country(l.Country)?.Name ?? l.Country, null, null, null,
            span == 0 ? 1 : span <= 5 ? 2 : span <= 7 ? 3 : span <= 31 ? 4 : 5, start, end,
            Best(PartyClass.StateForces), Best(PartyClass.NonStateArmedGroups, PartyClass.ForeignForces), Best(PartyClass.Civilians), Best(PartyClass.Unknown),
            killed.Sum(r => r.Best ?? 0), killed.Sum(r => r.High ?? 0), killed.Sum(r => r.Low ?? 0), null, null,
            Extra(s, rows),
        ];
    }

    private static object?[] AcledRow(IncidentState s, IReadOnlyList<ReconciledEstimate> rows, Lookups lookups, Actors.ActorIndex actors)
    {
        var (eventType, subType) = AcledTypes.GetValueOrDefault(s.Type, ("Strategic developments", "Other"));
        var (sideA, sideB) = Sides(s, actors);
        var (start, end) = (s.Occurred!.Start, s.Occurred.End);
        var span = end.DayNumber - start.DayNumber;
        var l = s.Location!;
        return
        [
            s.Id!.StartsWith(Formats.AcledImport.IncidentPrefix, StringComparison.Ordinal) ? s.Id[Formats.AcledImport.IncidentPrefix.Length..].ToUpperInvariant() : s.Id,
            // A week is dated at its middle, a month at its first day, as ACLED dates them.
            span == 0 ? start : span <= 7 ? start.AddDays(span / 2) : start, start.Year, span == 0 ? 1 : span <= 7 ? 2 : 3,
            "Political violence", eventType, subType, sideA ?? "", null, null, sideB ?? "", null, null, null,
            eventType == "Violence against civilians" ? "Civilian targeting" : null, null, null,
            IsoCodes.Index.Country(l.Country)?.Name ?? l.Country, lookups.NameOf(l.Admin1), l.Admin2, null, l.Place, l.Lat, l.Lon,
            l.Precision switch { LocationPrecision.Exact => 1, LocationPrecision.Near => 2, _ => 3 },
            string.Join("; ", Sources(s)), null, s.Title, Killed(rows).Sum(r => r.Best ?? 0), null, null,
            Extra(s, rows),
        ];
    }

    private static readonly Dictionary<string, (string, string)> AcledTypes = new(StringComparer.Ordinal)
    {
        ["air-strike"] = ("Explosions/Remote violence", "Air/drone strike"),
        ["shelling"] = ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ["explosive-device"] = ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ["suicide-attack"] = ("Explosions/Remote violence", "Suicide bomb"),
        ["armed-clash"] = ("Battles", "Armed clash"),
        ["ambush"] = ("Battles", "Armed clash"),
        ["territory-taken"] = ("Battles", "Non-state actor overtakes territory"),
        ["attack"] = ("Violence against civilians", "Attack"),
        ["assassination"] = ("Violence against civilians", "Attack"),
        ["abduction"] = ("Violence against civilians", "Abduction/forced disappearance"),
        ["raid"] = ("Strategic developments", "Arrests"),
    };

    private static bool IsBattle(string type) => type is "armed-clash" or "ambush" or "territory-taken";

    private static bool HasState(IncidentState s) => s.Figures.Values.Any(f => f.PartyClass == PartyClass.StateForces);

    private static List<ReconciledEstimate> Killed(IReadOnlyList<ReconciledEstimate> rows) => [.. rows.Where(r => r.Category == FigureCategory.Killed)];

    private static List<string> Sources(IncidentState s) =>
        [.. s.Figures.Values.Where(f => f.Status == FigureStatus.Active).Select(f => f.Source).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Side A is the perpetrator (else the state's forces among the parties); side B the other armed parties.</summary>
    private static (string? A, string? B) Sides(IncidentState s, Actors.ActorIndex actors)
    {
        string Name(string id) => actors.Resolve(id)?.Name ?? id;
        var armed = s.Figures.Values.Where(f => f.Status == FigureStatus.Active && f.PartyClass is PartyClass.StateForces or PartyClass.NonStateArmedGroups or PartyClass.ForeignForces)
            .Select(f => f.Party).Distinct().Order(StringComparer.Ordinal).ToList();
        var a = s.Perpetrator ?? armed.FirstOrDefault(p => s.Figures.Values.Any(f => f.Party == p && f.PartyClass == PartyClass.StateForces));
        var others = armed.Where(p => p != a).ToList();
        return (a is null ? null : Name(a), others.Count == 0 ? null : string.Join(" / ", others.Select(Name)));
    }

    private static string Extra(IncidentState s, IReadOnlyList<ReconciledEstimate> rows) => JsonSerializer.Serialize(new
    {
        incident = s.Id,
        title = s.Title,
        date = s.Occurred!.Text,
        claimsOnly = rows.Any(r => r.Contested),
        disputed = s.Disputes.Values.Any(d => d.Outcome is null),
        killedHighOpen = Killed(rows).Any(r => r.HighOpen),
        unquantified = rows.Sum(r => r.Unquantified),
        otherCategories = rows.Where(r => r.Category != FigureCategory.Killed && r.Best is not null)
            .GroupBy(r => FigureIds.Kebab(r.Category)).ToDictionary(g => g.Key, g => new { low = g.Sum(r => r.Low), best = g.Sum(r => r.Best), high = g.Sum(r => r.High) }),
        wording = s.Figures.Values.Where(f => f.Status == FigureStatus.Active && f.Value.Wording is not null).Select(f => $"{f.Source}: {f.Value}").ToList(),
    }, Serialization.LedgerJson.Readable);
}
