using Ledger.Grains;
using Ledger.EventStore;
using Ledger.Projections;
using Ledger.Server.Hosting;
using Ledger.Server.Http;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ledger.Server.Endpoints;

/// <summary>The change feed, chain verification, health and projection rebuild.</summary>
public static class LedgerEndpoints
{
    public sealed record FeedEvent(long Position, Guid EventId, string StreamId, long Version, string Type, RawJson Data,
        DateTimeOffset RecordedAt, string RecordedBy, string? CorrelationId, string? CausationId, string Hash);
    /// <summary>A page of the feed. <see cref="LastPosition"/> is what to pass as <c>after</c> next; it is never beyond
    /// <see cref="Head"/>, the last committed position when the page was read.</summary>
    public sealed record Feed(IReadOnlyList<FeedEvent> Events, long LastPosition, long Head);
    public sealed record ProjectionState(string Name, long Position, long Head);
    public sealed record Rebuilt(IReadOnlyList<ProjectionState> Projections);
    public sealed record Health(string Status, long? ProjectionLag = null, SiloHealth? Silo = null);

    /// <summary>This node's Orleans silo: its address, its status in the cluster, and how many silos are active.</summary>
    public sealed record SiloHealth(string Address, string Status, int ActiveSilos);

    private static readonly SemaphoreSlim Verifying = new(1, 1);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapRead("/api/events", async (HttpContext ctx, MartenEventStore store) =>
        {
            var q = new QueryParams(ctx);
            var after = q.Long("after") ?? 0;
            var limit = (int)(q.Long("limit", 1, 1000) ?? 100);
            if (q.Problem is not null) return q.Problem;
            // The head is read first: events read after it are at or below it, or later commits the next page finds.
            var head = await store.HeadPositionAsync(ctx.RequestAborted);
            // A consumer that saved a position of another (or a restored) ledger must notice, not wait silently
            // past events it would then skip.
            if (after > head) throw new PositionBeyondHeadException(after, head, "after", "ask after a position you have seen");
            // Positions are allocated in commit order (see the event store), so "after the last position
            // seen" never skips an event that commits late.
            var events = await store.ReadAllAsync(after, limit, ctx.RequestAborted);
            Telemetry.LedgerMetrics.FeedReads.Add(1);
            Telemetry.LedgerMetrics.FeedEvents.Add(events.Count);
            return new Reply(200, new Feed(events.Select(e => new FeedEvent(e.Position, e.EventId, e.StreamId, e.Version, e.Type,
                new RawJson(e.Data), e.RecordedAt, e.RecordedBy, e.CorrelationId, e.CausationId, Convert.ToHexStringLower(e.Hash))).ToList(),
                events.Count > 0 ? events[^1].Position : after, Math.Max(head, events.Count > 0 ? events[^1].Position : after)));
        }).WithTags("feed").Produces<Feed>().ProducesProblem(400).Query(QueryParameters.Feed);

        app.MapRead("/api/verify", async (HttpContext ctx, MartenEventStore store) =>
        {
            // One verification at a time per node, whoever asks: each reads every event, and many clients each
            // within their own limit could still take every core.
            if (!await Verifying.WaitAsync(0, ctx.RequestAborted))
                return Problems.Of(429, "Too many requests", "a verification is running on this node; retry when it is done", code: "verification-running");
            try { return new Reply(200, await store.VerifyAsync(ctx.RequestAborted)); }
            finally { Verifying.Release(); }
        }).WithTags("audit").RequireRateLimiting("verify").Produces<VerifyReport>().ProducesProblem(429);

        app.MapWrite("/api/admin/projections/rebuild", Role.Admin, async (HttpContext ctx, ReadModelDaemon runner, MartenEventStore store) =>
        {
            try
            {
                foreach (var p in runner.Projections) await runner.RebuildAsync(p, null, ctx.RequestAborted);
            }
            catch (ProjectingElsewhereException e)
            {
                return Problems.Of(409, "Projections run on another node", e.Message, code: "projecting-elsewhere");
            }
            var head = await store.HeadPositionAsync(ctx.RequestAborted);
            var states = (await runner.CheckpointsAsync(ctx.RequestAborted)).Select(c => new ProjectionState(c.Key, c.Value, head)).ToList();
            return new Reply(200, new Rebuilt(states));
        }).WithTags("admin").Produces<Rebuilt>().ProducesProblem(409);

        app.MapGet("/health/live", () => Results.Json(new Health("live"), Ledger.Serialization.LedgerJson.Readable)).WithTags("health").Produces<Health>();
        app.MapGet("/health/ready", async (NpgsqlDataSource db, ReadModelDaemon runner, IOptions<LedgerOptions> options, LedgerStartup startup,
            ILocalSiloDetails local, IClusterMembershipService membership, HttpContext ctx) =>
        {
            try
            {
                if (!startup.Ready)
                    return Problems.Of(503, "Not ready", "the node is still preparing its database (schema, gazetteer)", code: "starting");
                var cluster = membership.CurrentSnapshot;
                var silo = new SiloHealth(local.SiloAddress.ToParsableString(), cluster.GetSiloStatus(local.SiloAddress).ToString().ToLowerInvariant(),
                    cluster.Members.Values.Count(m => m.Status == SiloStatus.Active));
                if (silo.Status != "active")
                    return Problems.Of(503, "Not ready", $"this node's silo is {silo.Status} in the cluster, not active", code: "silo-not-active");
                await using (var cmd = db.CreateCommand("SELECT 1")) await cmd.ExecuteScalarAsync(ctx.RequestAborted);
                var lag = await runner.LagAsync(ctx.RequestAborted);
                return lag <= options.Value.MaxProjectionLag
                    ? Results.Json(new Health("ready", lag, silo), Ledger.Serialization.LedgerJson.Readable)
                    : Problems.Of(503, "Not ready", $"the projections are {lag} positions behind (bound {options.Value.MaxProjectionLag})", code: "projection-lag");
            }
            catch (Exception ex) when (StorageUnavailableException.IsCause(ex))
            {
                return Problems.Of(503, "Not ready", "the database is unreachable", code: "database-unavailable");
            }
        }).WithTags("health").Produces<Health>();
    }
}
