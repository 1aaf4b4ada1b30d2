using Ledger.Projections;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

public static class TallyEndpoints
{
    public sealed record TallyBody(IReadOnlyList<TallyRow> Rows, long? AsOfPosition);
    public sealed record TallyHistoryBody(IReadOnlyList<TallyChange> Changes);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tallies").WithTags("tallies");
        api.MapGet("", async (HttpContext ctx, WriteGate gate, ProjectionRunner runner, TallyQueries tallies, Lookups lookups) =>
        {
            if (await ReadAccess.CheckAsync(ctx, gate, runner) is { } refused) return refused.ToResult(ctx);
            var q = new QueryParams(ctx);
            var filter = await q.TallyFilterAsync(lookups);
            var groupBy = q.GroupBy("groupBy");
            if (q.Problem is not null) return q.Problem.ToResult(ctx);
            var result = await tallies.TalliesAsync(filter, groupBy, ctx.RequestAborted);
            return new Reply(200, new TallyBody(result.Rows, result.AsOfPosition)).ToResult(ctx);
        }).Produces<TallyBody>().ProducesProblem(400);

        api.MapGet("/history", async (HttpContext ctx, WriteGate gate, ProjectionRunner runner, TallyQueries tallies, Lookups lookups) =>
        {
            if (await ReadAccess.CheckAsync(ctx, gate, runner) is { } refused) return refused.ToResult(ctx);
            var q = new QueryParams(ctx);
            var filter = await q.TallyFilterAsync(lookups);
            if (q.Problem is not null) return q.Problem.ToResult(ctx);
            return new Reply(200, new TallyHistoryBody(await tallies.HistoryAsync(filter, ctx.RequestAborted))).ToResult(ctx);
        }).Produces<TallyHistoryBody>().ProducesProblem(400);
    }
}
