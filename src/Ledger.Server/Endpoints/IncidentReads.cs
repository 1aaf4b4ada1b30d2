using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Regions;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

public static class IncidentReads
{
    /// <summary>A page of incidents; <see cref="AsOfPosition"/> and <see cref="AsOfTime"/> name the past point it shows (null: now).</summary>
    public sealed record IncidentList(IReadOnlyList<IncidentBody> Incidents, string? NextCursor, long? AsOfPosition = null, DateTimeOffset? AsOfTime = null);
    /// <summary>A page of an incident's events; <see cref="NextAfter"/> is the <c>after</c> of the next page, null on the last.</summary>
    public sealed record IncidentHistory(string IncidentId, IReadOnlyList<IncidentHistoryEntry> Events, long? NextAfter = null);

    /// <summary>Events per page of an incident's history: an incident revised thousands of times is read in pages.</summary>
    public const int HistoryPageLimit = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents").WithTags("incidents");
        api.MapRead("/{id}", async (string id, HttpContext ctx, IGrainFactory grains, Lookups lookups,
            Ledger.EventStore.MartenEventStore store, Npgsql.NpgsqlDataSource db) =>
        {
            if (BadId(id) is { } bad) return bad;
            var q = new QueryParams(ctx);
            if (await q.AsOfWithinHeadAsync(lookups, db, ctx.RequestAborted) is { } asOf)
            {
                if (q.Problem is not null) return q.Problem;
                // As it stood then: the fold of its stream up to the position, never the present relabelled.
                return (await IncidentAsOf.ReadAsync(store, id, asOf, ctx.RequestAborted) is { } then
                    ? new Reply(200, IncidentBody.Of(then.State, then.Version, lookups.NameOf))
                    : Problems.NotFound($"there was no incident {id} at position {asOf}", "id", "incident-not-found"));
            }
            if (q.Problem is not null) return q.Problem;
            // The grain reads the stream itself: a client always reads its own write here.
            var state = await grains.GetGrain<IIncidentGrain>(id).GetState();
            // A client that holds the current version gets 304 and no body.
            if (state.State.Exists && ctx.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } ifNoneMatch
                && ifNoneMatch.Split(',').Select(t => t.Trim().TrimStart('W', '/')).Any(t => t == "*" || t == $"\"{state.Version}\""))
            {
                ctx.Response.Headers.ETag = $"\"{state.Version}\"";
                return Results.StatusCode(304);
            }
            return (state.State.Exists
                ? new Reply(200, IncidentBody.Of(state.State, state.Version, lookups.NameOf), null, state.Version)
                : Problems.NotFound($"there is no incident {id}", "id", "incident-not-found"));
        }).Produces<IncidentBody>().ProducesProblem(400).ProducesProblem(404).Query(QueryParameters.AsOfPosition, QueryParameters.Release);

        api.MapRead("/{id}/history", async (string id, HttpContext ctx, IncidentQueries queries, Lookups lookups, Npgsql.NpgsqlDataSource db) =>
        {
            var q = new QueryParams(ctx);
            var asOf = await q.AsOfWithinHeadAsync(lookups, db, ctx.RequestAborted);
            var after = q.Long("after", 0, long.MaxValue) ?? 0;
            var limit = (int)(q.Long("limit", 1, HistoryPageLimit) ?? HistoryPageLimit);
            if (q.Problem is not null) return q.Problem;
            var history = (await queries.HistoryAsync(id, after, limit + 1, ctx.RequestAborted)).Where(e => asOf is null || e.Position <= asOf).ToList();
            if (history.Count == 0 && (after == 0 || await queries.GetAsync(id, ctx.RequestAborted) is null))
                return Problems.NotFound($"there is no incident {id}", "id", "incident-not-found");
            var more = history.Count > limit;
            if (more) history.RemoveAt(limit);
            return new Reply(200, new IncidentHistory(id, history, more ? history[^1].Version : null));
        }).Produces<IncidentHistory>().ProducesProblem(400).ProducesProblem(404)
            .Query([QueryParameters.AsOfPosition, QueryParameters.Release, .. QueryParameters.HistoryPage]);

        api.MapRead("", async (HttpContext ctx, IncidentQueries queries, Lookups lookups) =>
        {
            var q = new QueryParams(ctx);
            var list = await q.IncidentFilterAsync(lookups);
            var limit = (int)(q.Long("limit", 1, 500) ?? 50);
            var cursor = q.Text("cursor", 500);
            if (q.Problem is not null) return q.Problem;
            try
            {
                var page = await queries.ListAsync(list, cursor, limit, ctx.RequestAborted);
                return new Reply(200, new IncidentList(page.Incidents.Select(i => IncidentBody.Of(i.State, i.Version, lookups.NameOf)).ToList(), page.NextCursor,
                    page.AsOf?.Position, page.AsOf?.RecordedAt));
            }
            catch (FormatException ex)
            {
                return Problems.BadRequest(ex.Message, "cursor");
            }
        }).Produces<IncidentList>().Query([.. QueryParameters.IncidentFilters, .. QueryParameters.Paging]);
    }

    /// <summary>An id that is no slug names no incident.</summary>
    private static Reply? BadId(string id) =>
        Slug.IsValid(id) ? null : Problems.NotFound($"there is no incident \"{(id.Length > 60 ? id[..60] + "..." : id)}\": incident ids are slugs", "id", "incident-not-found");
}
