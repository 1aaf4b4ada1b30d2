using Ledger.Projections;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

public static class TallyEndpoints
{
    /// <summary>The rows and the keys they are grouped by; grouped by admin1, a row without admin1 holds the
    /// incidents placed in no governorate.</summary>
    /// <summary>A tally; <see cref="AsOfPosition"/> and <see cref="AsOfTime"/> name the past point it shows (null: now).</summary>
    public sealed record TallyBody(IReadOnlyList<string> GroupBy, IReadOnlyList<TallyRow> Rows, long? AsOfPosition, DateTimeOffset? AsOfTime = null);
    /// <summary>A page of a tally's changes; <see cref="NextAfter"/> is the <c>after</c> of the next page, null on the last.</summary>
    public sealed record TallyHistoryBody(IReadOnlyList<TallyChange> Changes, long? NextAfter = null);

    /// <summary>Changes per page of a tally's history.</summary>
    public const int HistoryPageLimit = 5000;

    /// <summary>A tally; by perpetrator, each row is the actor as the registry names it at the read's point (an actor
    /// merged by then adds to its successor's row).</summary>
    public static async Task<TallyResult> TallyAsync(TallyQueries tallies, TallyFilter filter, IReadOnlyList<TallyDimension> groupBy, Lookups lookups, CancellationToken ct)
    {
        var registry = groupBy.Contains(TallyDimension.Perpetrator) ? await lookups.ActorsAsOfAsync(filter.AsOfPosition, ct) : null;
        return await tallies.TalliesAsync(filter, groupBy, ct, registry is null ? null : id => registry.Current(id)?.Id ?? id);
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tallies").WithTags("tallies");
        api.MapRead("", async (HttpContext ctx, TallyQueries tallies, Lookups lookups, Npgsql.NpgsqlDataSource db) =>
        {
            var q = new QueryParams(ctx);
            var filter = await q.TallyFilterAsync(lookups);
            var groupBy = q.GroupBy("groupBy");
            if (q.Problem is not null) return q.Problem;
            var result = await TallyAsync(tallies, filter, groupBy, lookups, ctx.RequestAborted);
            var time = result.AsOfPosition is { } p ? (await ReadPoint.AtAsync(db, p, ctx.RequestAborted)).RecordedAt : null;
            return new Reply(200, new TallyBody(result.GroupBy.Select(d => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(d.ToString())).ToList(), result.Rows,
                result.AsOfPosition, time));
        }).Produces<TallyBody>().ProducesProblem(400).Query([.. QueryParameters.Tally, QueryParameters.GroupBy]);

        api.MapRead("/history", async (HttpContext ctx, TallyQueries tallies, Lookups lookups) =>
        {
            var q = new QueryParams(ctx);
            var filter = await q.TallyFilterAsync(lookups);
            var after = q.Long("after", 0, long.MaxValue) ?? 0;
            var limit = (int)(q.Long("limit", 1, HistoryPageLimit) ?? HistoryPageLimit);
            if (q.Problem is not null) return q.Problem;
            if (filter.Perpetrator is not null)
                return Problems.BadRequest("the history of a tally is kept by place, category and party class, not by perpetrator: read the tally as of positions instead", "perpetrator");
            if (filter.Category is null)
                return Problems.BadRequest("the history of a tally is of one category (categories are never added together): give category, one of "
                    + string.Join(", ", Enum.GetValues<Ledger.Reconciliation.FigureCategory>().Select(c => Ledger.Incidents.FigureIds.Kebab(c))), "category");
            var changes = (await tallies.HistoryAsync(filter, after, limit + 1, ctx.RequestAborted)).ToList();
            var more = changes.Count > limit;
            if (more) changes.RemoveAt(limit);
            return new Reply(200, new TallyHistoryBody(changes, more ? changes[^1].Position : null));
        }).Produces<TallyHistoryBody>().ProducesProblem(400).Query([.. QueryParameters.Tally, .. QueryParameters.TallyHistoryPage]);
    }
}
