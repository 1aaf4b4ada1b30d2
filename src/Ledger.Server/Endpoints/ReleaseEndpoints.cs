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
        api.MapWrite("", Role.Editor, async (ReleaseBook releases, HttpContext ctx, WriteContext w) =>
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
        }).Accepts<CreateReleaseRequest>("application/json").Produces<Release>(201).ProducesProblem(409);

        api.MapRead("", async (HttpContext ctx, ReleaseBook releases) =>
            new Reply(200, new ReleaseList(await releases.ListAsync(ctx.RequestAborted))))
            .Produces<ReleaseList>();

        app.MapRead("/api/checkpoints", async (HttpContext ctx, CheckpointLog checkpoints) =>
            new Reply(200, new CheckpointList(await checkpoints.ListAsync(100, ctx.RequestAborted))))
            .WithTags("releases").Produces<CheckpointList>();

        api.MapRead("/{name}", async (string name, HttpContext ctx, ReleaseBook releases) =>
        {
            return (Slug.IsValid(name) && await releases.FindAsync(name, ctx.RequestAborted) is { } release
                ? new Reply(200, release)
                : Problems.NotFound($"there is no release \"{name}\"", "name", "release-not-found"));
        }).Produces<Release>().ProducesProblem(404);
    }
}
