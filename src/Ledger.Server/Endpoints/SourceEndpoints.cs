using Ledger.Grains;
using Ledger.Projections;
using Ledger.Server.Http;
using Ledger.Sources;

namespace Ledger.Server.Endpoints;

public static class SourceEndpoints
{
    public sealed record SourceList(IReadOnlyList<SourceView> Sources);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sources").WithTags("sources");
        api.MapRead("", async (HttpContext ctx, SourceQueries sources) =>
            new Reply(200, new SourceList(await sources.ListAsync(ctx.RequestAborted)))).Produces<SourceList>();

        // A source's track record as of now, a position or a release (docs/CONTRACT.md §1).
        api.MapRead("/{id}/record", async (string id, HttpContext ctx, Lookups lookups, SourceRecords records,
            Npgsql.NpgsqlDataSource db) =>
        {
            var q = new QueryParams(ctx);
            var asOf = await q.AsOfWithinHeadAsync(lookups, db, ctx.RequestAborted);
            if (q.Problem is not null) return q.Problem;
            if (await lookups.Names.SourceAsync(id) is not { } source)
                return Problems.NotFound($"there is no source \"{id}\" (GET /api/sources lists them)", "id", "source-not-found");
            return new Reply(200, new SourceRecordBody(await records.OfAsync(source.Id, asOf, ctx.RequestAborted), asOf));
        }).Produces<SourceRecordBody>().ProducesProblem(400).ProducesProblem(404)
            .Query(new QueryParameter("asOfPosition", "integer", "the record as the ledger stood at this global position (a position not yet reached is a 400)", Minimum: 0),
                QueryParameters.Release);
    }

    /// <summary>A source's record and the point it shows (null: now).</summary>
    public sealed record SourceRecordBody(SourceRecord Record, long? AsOfPosition);
}
