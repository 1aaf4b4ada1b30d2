using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Regions;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

public static class RegionEndpoints
{
    public sealed record RegionList(IReadOnlyList<RegionDefined> Regions);
    public sealed record RegionalFigures(RegionDefined Region, IReadOnlyList<RegionalFigureView> Figures);
    public sealed record RegionalFigureCreated(string RegionId, RegionalFigureState Figure, long Version, long Position);
    public sealed record RegionAliasRequest(string Alias, string Reason, bool PCode = false);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/regions").WithTags("regions");
        api.MapRead("", async (HttpContext ctx, Lookups lookups) =>
            new Reply(200, new RegionList((await lookups.HeldRegionsAsync(ctx.RequestAborted)).OrderBy(r => r.RegionId, StringComparer.Ordinal).ToList())))
            .Produces<RegionList>();

        api.MapRead("/{id}", async (string id, HttpContext ctx, Lookups lookups) =>
        {
            return (await lookups.Names.RegionAsync(id) is { } region
                ? new Reply(200, region)
                : Problems.NotFound($"there is no region \"{id}\"", "id", "region-not-found"));
        }).Produces<RegionDefined>().ProducesProblem(404);

        api.MapRead("/{id}/figures", async (string id, HttpContext ctx, RegionalFigureQueries queries, Lookups lookups,
            Npgsql.NpgsqlDataSource db) =>
        {
            var q = new QueryParams(ctx);
            var asOf = await q.AsOfWithinHeadAsync(lookups, db, ctx.RequestAborted);
            if (q.Problem is not null) return q.Problem;
            var region = await lookups.Names.RegionAsync(id);
            var result = region is null ? null : await queries.GetAsync(region.RegionId, asOf, ctx.RequestAborted);
            return (result is { } r
                ? new Reply(200, new RegionalFigures(r.Region, r.Figures))
                : region is not null ? new Reply(200, new RegionalFigures(region, []))
                : Problems.NotFound($"there is no region \"{id}\"", "id", "region-not-found"));
        }).Produces<RegionalFigures>().ProducesProblem(400).ProducesProblem(404)
            .Query(new QueryParameter("asOfPosition", "integer", "the figures as the ledger stood at this global position (a position not yet reached is a 400)", Minimum: 0),
                QueryParameters.Release);
    }

    private static async Task<Reply> Regional(string id, string figureId, RegionCommand command, WriteContext w, IGrainFactory grains, Lookups lookups)
    {
        var region = await lookups.Names.RegionAsync(id);
        if (region is null) return Problems.NotFound($"there is no region \"{id}\"", "id", "region-not-found");
        var grain = grains.GetGrain<IRegionGrain>(region.RegionId);
        var outcome = await grain.Handle(command, w.Metadata);
        if (!outcome.Succeeded) return Problems.From(outcome);
        var state = await grain.GetState();
        return new Reply(201, new RegionalFigureCreated(region.RegionId, state.State.Figures[figureId], state.Version, outcome.LastPosition ?? 0),
            $"/api/regions/{region.RegionId}/figures", null, outcome.LastPosition);
    }
}
