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
        api.MapPost("", (HttpContext ctx, WriteGate gate, IGrainFactory grains) => gate.RunAsync(ctx, Role.Admin, async w =>
        {
            var (req, bad) = JsonBody.Read<RegisterSourceRequest>(w.Body);
            if (bad is not null) return bad;
            if (Slug.Check(req!.Id, "id") is { } badId) return Problems.From(badId);
            var grain = grains.GetGrain<ISourceGrain>(req.Id);
            var outcome = await grain.Handle(Translate.RegisterSource(req), w.Metadata);
            if (!outcome.Succeeded) return Problems.From(outcome);
            var s = (await grain.GetState()).State;
            return new Reply(outcome.Status == CommandStatus.Duplicate ? 200 : 201,
                new SourceView(s.Id!, s.Name, s.Kind, s.Url, s.Rank, s.EffectiveRank, outcome.RecordedAt ?? DateTimeOffset.UtcNow),
                $"/api/sources/{s.Id}", null, outcome.LastPosition);
        })).RequireRateLimiting("writes").Accepts<RegisterSourceRequest>("application/json").Produces<SourceView>(201).ProducesProblem(409);

        api.MapGet("", async (HttpContext ctx, WriteGate gate, ReadModelDaemon runner, SourceQueries sources) =>
            await ReadAccess.CheckAsync(ctx, gate, runner) is { } refused
                ? refused.ToResult(ctx)
                : new Reply(200, new SourceList(await sources.ListAsync(ctx.RequestAborted))).ToResult(ctx)).Produces<SourceList>();
    }
}
