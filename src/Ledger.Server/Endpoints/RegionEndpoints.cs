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
        api.MapWrite("", Role.Admin, async (IGrainFactory grains, Lookups lookups, WriteContext w) =>
        {
            var (req, bad) = JsonBody.Read<DefineRegionRequest>(w.Body);
            if (bad is not null) return bad;
            if (Slug.Check(req!.Id, "id") is { } badId) return Problems.From(badId);
            var (command, wrong) = await Translate.DefineRegion(req, null, lookups.Names);
            if (wrong is not null) return wrong;
            var grain = grains.GetGrain<IRegionGrain>(req.Id);
            var outcome = await grain.Handle(command!, w.Metadata);
            if (!outcome.Succeeded) return Problems.From(outcome);
            var defined = (await grain.GetState()).State.Definition!;
            lookups.RegionChanged(defined);
            return new Reply(201, defined, $"/api/regions/{req.Id}", null, outcome.LastPosition);
        }).Accepts<DefineRegionRequest>("application/json").Produces<RegionDefined>(201);

        // Any region, also a division of the atlas the ledger does not hold yet (which this defines, from the atlas, in
        // the same decision): "Aden" and "عدن" for YE-AD, or an OCHA p-code.
        api.MapWrite("/{id}/aliases", Role.Editor, async (string id, IGrainFactory grains, Lookups lookups, WriteContext w) =>
        {
            var (req, bad) = JsonBody.Read<RegionAliasRequest>(w.Body);
            if (bad is not null) return bad;
            var index = await lookups.RegionsAsync(reload: true);
            var region = index.Resolve(id);
            if (region is null) return Problems.NotFound($"there is no region \"{id}\" (give its id, ISO 3166-2 code or name)", "id", "region-not-found");
            if (req!.Alias is { } alias && index.Resolve(alias) is { } other && other.RegionId != region.RegionId && index.Holds(other.RegionId))
                return Problems.Of(409, "Conflict", $"\"{alias}\" already names {other.Name} ({other.RegionId}): two regions cannot share a name", "alias", "alias-taken");
            var grain = grains.GetGrain<IRegionGrain>(region.RegionId);
            var outcome = await grain.Handle(new AddRegionAlias(req.Alias!, req.PCode, req.Reason, index.Holds(region.RegionId) ? null : region), w.Metadata);
            if (!outcome.Succeeded) return Problems.From(outcome);
            var definition = (await grain.GetState()).State.Definition!;
            lookups.RegionChanged(definition);
            return new Reply(200, definition, $"/api/regions/{definition.RegionId}", null, outcome.LastPosition);
        }).Accepts<RegionAliasRequest>("application/json").Produces<RegionDefined>().ProducesProblem(404).ProducesProblem(409);

        api.MapRead("", async (HttpContext ctx, Lookups lookups) =>
            new Reply(200, new RegionList((await lookups.HeldRegionsAsync(ctx.RequestAborted)).OrderBy(r => r.RegionId, StringComparer.Ordinal).ToList())))
            .Produces<RegionList>();

        api.MapRead("/{id}", async (string id, HttpContext ctx, Lookups lookups) =>
        {
            return (await lookups.Names.RegionAsync(id) is { } region
                ? new Reply(200, region)
                : Problems.NotFound($"there is no region \"{id}\"", "id", "region-not-found"));
        }).Produces<RegionDefined>().ProducesProblem(404);

        api.MapWrite("/{id}/figures", Role.Reporter, async (string id, IGrainFactory grains, Lookups lookups, WriteContext w) =>
            {
                var (req, bad) = JsonBody.Read<RegionalFigureRequest>(w.Body);
                if (bad is not null) return bad;
                var (command, wrong) = await Translate.RegionalFigure(req!, lookups.Names);
                if (wrong is not null) return wrong;
                return await Regional(id, RegionDecider.FigureIdFor(command!.Source.Id, command.Category, command.PartyClass, command.Period),
                    command, w, grains, lookups);
            }).Accepts<RegionalFigureRequest>("application/json").Produces<RegionalFigureCreated>(201);

        api.MapWrite("/{id}/figures/{figureId}/revisions", Role.Reporter, async (string id, string figureId, IGrainFactory grains, Lookups lookups, WriteContext w) =>
            {
                var (req, bad) = JsonBody.Read<ReviseFigureRequest>(w.Body);
                return bad ?? await Regional(id, figureId, Translate.ReviseRegional(figureId, req!), w, grains, lookups);
            }).Accepts<ReviseFigureRequest>("application/json").Produces<RegionalFigureCreated>(201);

        api.MapWrite("/{id}/figures/{figureId}/disputes", Role.Reporter, async (string id, string figureId, IGrainFactory grains, Lookups lookups, WriteContext w) =>
            {
                var (req, bad) = JsonBody.Read<DisputeFigureRequest>(w.Body);
                if (bad is not null) return bad;
                var (command, wrong) = await Translate.DisputeRegional(figureId, req!, lookups.Names);
                return wrong ?? await Regional(id, figureId, command!, w, grains, lookups);
            }).Accepts<DisputeFigureRequest>("application/json").Produces<RegionalFigureCreated>(201);

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
