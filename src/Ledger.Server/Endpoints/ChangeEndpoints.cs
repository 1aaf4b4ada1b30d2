using Ledger.Changes;
using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

/// <summary>What changed between two points of the log (docs/CONTRACT.md §2), as JSON and as CSV: the changelog
/// a data release publishes, computed from the log, never written by hand.</summary>
public static class ChangeEndpoints
{
    /// <summary>Events per answer; the rest come with <c>from=nextFrom</c>.</summary>
    public const int PageLimit = 5000;

    public static readonly QueryParameter[] Parameters =
    [
        new("from", "integer", "the position after which changes are listed (default 0: from the start)", Minimum: 0),
        new("to", "integer", "the position up to which changes are listed (default: the head; beyond it is a 400)", Minimum: 0),
        new("fromRelease", "string", "a named release as the starting point, instead of from"),
        new("toRelease", "string", "a named release as the end point, instead of to"),
        new("limit", "integer", "events per answer (default and most 5000)", Minimum: 1, Maximum: PageLimit),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapRead("/api/changes", async (HttpContext ctx, ChangeQueries changes, MartenEventStore store, Lookups lookups) =>
        {
            var (range, problem) = await RangeAsync(new QueryParams(ctx), store, lookups, ctx.RequestAborted);
            if (problem is not null) return problem;
            return new Reply(200, await changes.BetweenAsync(range!.Value.From, range.Value.To, range.Value.Limit, ctx.RequestAborted));
        }).WithTags("changes").Produces<ChangeSet>().ProducesProblem(400).Query(Parameters);

        app.MapRead("/api/exports/changes.csv", async (HttpContext ctx, ChangeQueries changes, MartenEventStore store,
            Lookups lookups) =>
        {
            var q = new QueryParams(ctx);
            var bom = q.Bool("bom") ?? true;
            var (range, problem) = await RangeAsync(q, store, lookups, ctx.RequestAborted);
            if (problem is not null) return problem;
            return Csv(await changes.BetweenAsync(range!.Value.From, range.Value.To, range.Value.Limit, ctx.RequestAborted)).ToResult("changes.csv", bom);
        }).WithTags("exports").Produces(200, contentType: "text/csv").Query([.. Parameters, QueryParameters.Bom]);
    }

    /// <summary>One row per change: incidents, then figures, then tally rows, each with what it was and what it became.</summary>
    public static Csv Csv(ChangeSet set)
    {
        var csv = new Csv([("kind", "#meta+kind"), ("position", "#meta+position"), ("recordedAt", "#date+recorded"), ("recordedBy", "#meta+recorder"),
            ("incident", "#event+id"), ("figure", "#indicator+id"), ("change", "#status+change"), ("valueBefore", "#indicator+text+before"),
            ("valueAfter", "#indicator+text+after"), ("statusBefore", "#status+before"), ("statusAfter", "#status+after"), ("reason", "#meta+reason"),
            ("country", "#country+code"), ("admin1", "#adm1+code"), ("category", "#indicator+category"), ("lowBefore", "#affected+min+before"),
            ("bestBefore", "#affected+num+before"), ("highBefore", "#affected+max+before"), ("lowAfter", "#affected+min+after"),
            ("bestAfter", "#affected+num+after"), ("highAfter", "#affected+max+after"), ("incidentsBefore", "#meta+incidents+before"),
            ("incidentsAfter", "#meta+incidents+after")]);
        foreach (var i in set.Incidents)
            csv.Row("incident", i.Position, i.RecordedAt, i.RecordedBy, i.IncidentId, null, i.Change, null, null, null, null, i.Reason);
        foreach (var f in set.Figures)
            csv.Row("figure", f.Position, f.RecordedAt, f.RecordedBy, f.IncidentId, f.FigureId, f.Change, f.ValueBefore?.ToString(), f.ValueAfter?.ToString(),
                f.StatusBefore is { } b ? FigureIds.Kebab(b) : null, f.StatusAfter is { } a ? FigureIds.Kebab(a) : null, f.Reason);
        foreach (var t in set.Tallies)
            csv.Row("tally", null, null, null, null, null, "moved", null, null, null, null, null, t.Country, Web.Html.PCode(t.Admin1), FigureIds.Kebab(t.Category),
                t.LowBefore, t.BestBefore, t.HighBefore, t.LowAfter, t.BestAfter, t.HighAfter, t.IncidentsBefore, t.IncidentsAfter);
        return csv;
    }

    /// <summary>The two points and the page size the query names; a point beyond the head, or a start after the
    /// end, is a 400.</summary>
    public static async Task<((LogPoint From, LogPoint To, int Limit)? Range, Reply? Problem)> RangeAsync(QueryParams q, MartenEventStore store,
        Lookups lookups, CancellationToken ct)
    {
        var from = await PointAsync(q, "from", "fromRelease", lookups);
        var to = await PointAsync(q, "to", "toRelease", lookups);
        var limit = (int)(q.Long("limit", 1, PageLimit) ?? PageLimit);
        if (q.Problem is not null) return (null, q.Problem);
        var head = await store.HeadPositionAsync(ct);
        var (start, end) = (from.Position ?? 0, to.Position ?? head);
        if (end > head) throw new PositionBeyondHeadException(end, head, to.Release is null ? "to" : "toRelease");
        if (start > end) return (null, Problems.BadRequest($"from ({start}) is after to ({end})", from.Release is null ? "from" : "fromRelease"));
        return ((new LogPoint(start, (await ReadPoint.AtAsync(store.DataSource, start, ct)).RecordedAt, from.Release), new LogPoint(end, (await ReadPoint.AtAsync(store.DataSource, end, ct)).RecordedAt, to.Release), limit), null);
    }

    private static async Task<(long? Position, string? Release)> PointAsync(QueryParams q, string position, string release, Lookups lookups)
    {
        var at = q.Long(position);
        if (q.Text(release) is not { } name) return (at, null);
        if (at is not null) return (q.Refuse<long?>(release, $"give one of {position} and {release}"), null);
        return await lookups.ReleaseAsync(name) is { } named ? (named.Position, name)
            : (q.Refuse<long?>(release, $"there is no release \"{name}\" (GET /api/releases lists them)"), null);
    }
}
