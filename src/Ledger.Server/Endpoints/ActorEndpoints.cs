using Ledger.Actors;
using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Projections;
using Ledger.Reconciliation;
using Ledger.Serialization;
using Ledger.Server.Http;

namespace Ledger.Server.Endpoints;

/// <summary>The actor registry (docs/CONTRACT.md §1): actors are data the ledger learns by events. An editor registers
/// them, adds and removes aliases, renames and merges them; anyone reads them, with their history.</summary>
public static class ActorEndpoints
{
    public sealed record RegisterActorRequest(string Id, string Name, PartyClass PartyClass, string Reason, string? NameAr = null,
        List<string>? Aliases = null, ActorKind? Kind = null, string? Succeeds = null, DateOnly? From = null)
    {
        /// <summary>The command; an actor's kind, when not given, follows from its usual party class.</summary>
        public RegisterActor ToCommand() => new(Id, Name, NameAr, Aliases, PartyClass, Kind ?? PartyClass switch
        {
            PartyClass.StateForces => ActorKind.StateForce, PartyClass.ForeignForces => ActorKind.ForeignForce,
            PartyClass.NonStateArmedGroups => ActorKind.ArmedGroup, PartyClass.Civilians => ActorKind.Civilians, _ => ActorKind.Unknown,
        }, Reason, Succeeds, From);
    }

    public sealed record AliasRequest(string Alias, string Reason);
    public sealed record RenameRequest(string Name, string Reason, string? NameAr = null);
    public sealed record MergeRequest(string Into, string Reason);

    public sealed record ActorView(string Id, string Name, string? NameAr, IReadOnlyList<string> Aliases, PartyClass PartyClass, ActorKind Kind,
        string? Succeeds, DateOnly? From, string? MergedInto)
    {
        public static ActorView Of(ActorState a) => new(a.Id!, a.Name, a.NameAr, a.Aliases, a.PartyClass, a.Kind, a.Succeeds, a.From, a.MergedInto);
    }

    public sealed record ActorList(IReadOnlyList<ActorView> Actors);

    /// <summary>One change of the actor: when, by whom, why, and the event as stored.</summary>
    public sealed record ActorChange(long Version, long Position, DateTimeOffset RecordedAt, string RecordedBy, string Type, string Reason, System.Text.Json.JsonElement Data);

    public sealed record ActorDetail(ActorView Actor, IReadOnlyList<ActorChange> History);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/actors").WithTags("actors");
        api.MapRead("", async (HttpContext ctx, Lookups lookups) =>
        {
            var q = ctx.Request.Query["q"].ToString();
            var key = NameKey.Of(q);
            // A merged actor's names find the actor it was merged into.
            var index = await lookups.ActorsAsync();
            var actors = index.All.Where(a => key.Length == 0 || a.Names.Any(n => NameKey.Of(n).Contains(key, StringComparison.Ordinal)))
                .Select(a => index.Current(a.Id!)!).DistinctBy(a => a.Id).OrderBy(a => a.Id, StringComparer.Ordinal);
            return new Reply(200, new ActorList(actors.Select(ActorView.Of).ToList()));
        }).Produces<ActorList>().Query(new QueryParameter("q", "string", "a part of any of an actor's names, in any case or script (e.g. houthi, داعش)"));

        api.MapRead("/{id}", async (string id, HttpContext ctx, Lookups lookups, MartenEventStore store) =>
        {
            // By id, or by any name: a merged actor's page names where it went.
            var index = await lookups.ActorsAsync(reload: true);
            var actor = Slug.IsValid(id) && index[id] is { } own ? own : index.Resolve(id);
            if (actor is null) return Problems.NotFound($"there is no actor \"{id}\"{index.Suggest(id)}", "id", "actor-not-found");
            var history = (await store.ReadStreamAsync(ActorDecider.Kind.StreamFor(actor.Id!), ct: ctx.RequestAborted)).Select(e =>
            {
                var data = (IActorEvent)EventTypes.Ledger.Deserialize(e.Type, e.Data);
                return new ActorChange(e.Version, e.Position, e.RecordedAt, e.RecordedBy, e.Type, data.Reason, System.Text.Json.JsonDocument.Parse(e.Data).RootElement);
            }).ToList();
            return new Reply(200, new ActorDetail(ActorView.Of(actor), history));
        }).Produces<ActorDetail>().ProducesProblem(404);
    }
}
