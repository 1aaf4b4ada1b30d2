using Ledger.Projections;
using Ledger.Releases;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

/// <summary>Named releases (docs/CONTRACT.md §2): an editor names a point of the log; reads take <c>release=</c>.</summary>
public static class ReleaseEndpoints
{
    public sealed record ReleaseList(IReadOnlyList<Release> Releases);

    /// <summary>The newest 100 checkpoints signed on the schedule, newest first.</summary>
    public sealed record CheckpointList(IReadOnlyList<Ledger.EventStore.Checkpoint> Checkpoints);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/releases").WithTags("releases");
        api.MapPost("", (HttpContext ctx, WriteGate gate, ReleaseBook releases) => gate.RunAsync(ctx, Role.Editor, async w =>
        {
            var (req, bad) = JsonBody.Read<CreateReleaseRequest>(w.Body);
            if (bad is not null) return bad;
            if (Slug.Check(req!.Name, "name") is { } badName) return Problems.From(badName);
            if (FreeText.Check(req.Note, "note", 2000, required: false) is { } badNote) return Problems.From(badNote);
            if (req.Position is < 0) return Problems.Invalid("position must be 0 or more", "position");
            try
            {
                var release = await releases.CreateAsync(req.Name, req.Position, req.Note, w.Metadata.RecordedBy, ctx.RequestAborted);
                return new Reply(201, release, $"/api/releases/{release.Name}");
            }
            catch (ReleaseExistsException ex) { return Problems.Of(409, "Conflict", ex.Message, "name", "release-exists"); }
            catch (PositionBeyondHeadException ex) { return Problems.Of(400, "Beyond the head", ex.Message, ex.Field, "beyond-head"); }
        })).RequireRateLimiting("writes").Accepts<CreateReleaseRequest>("application/json").Produces<Release>(201).ProducesProblem(409);

        api.MapGet("", async (HttpContext ctx, WriteGate gate, ReadModelDaemon runner, ReleaseBook releases) =>
            await ReadAccess.CheckAsync(ctx, gate, runner) is { } refused
                ? refused.ToResult(ctx)
                : new Reply(200, new ReleaseList(await releases.ListAsync(ctx.RequestAborted))).ToResult(ctx))
            .Produces<ReleaseList>();

        app.MapGet("/api/checkpoints", async (HttpContext ctx, WriteGate gate, ReadModelDaemon runner, CheckpointLog checkpoints) =>
            await ReadAccess.CheckAsync(ctx, gate, runner) is { } refused
                ? refused.ToResult(ctx)
                : new Reply(200, new CheckpointList(await checkpoints.ListAsync(100, ctx.RequestAborted))).ToResult(ctx))
            .WithTags("releases").Produces<CheckpointList>();

        api.MapGet("/{name}", async (string name, HttpContext ctx, WriteGate gate, ReadModelDaemon runner, ReleaseBook releases) =>
        {
            if (await ReadAccess.CheckAsync(ctx, gate, runner) is { } refused) return refused.ToResult(ctx);
            return (Slug.IsValid(name) && await releases.FindAsync(name, ctx.RequestAborted) is { } release
                ? new Reply(200, release)
                : Problems.NotFound($"there is no release \"{name}\"", "name", "release-not-found")).ToResult(ctx);
        }).Produces<Release>().ProducesProblem(404);
    }
}
