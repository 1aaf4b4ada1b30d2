using Ledger.EventStore;
using Ledger.Import;

namespace Ledger.Actors;

public static class ActorSeeding
{
    /// <summary>Registers the actors a new ledger starts with (actors.json), as events, once: the command ids are fixed,
    /// so every node and every restart agrees and a second run appends nothing. An actor the ledger already holds
    /// (registered by an editor, renamed, merged) is left as it is. Returns how many were registered now.</summary>
    public static async Task<int> EnsureAsync(MartenEventStore store, CancellationToken ct = default)
    {
        var session = new ImportSession(store, "ledger", correlationId: "startup");
        await session.PrefetchAsync(SeedActors.Commands.Select(a => ActorDecider.Kind.StreamFor(a.ActorId)), ct);
        var registered = 0;
        foreach (var actor in SeedActors.Commands)
        {
            if ((await session.StateAsync(ActorDecider.Kind, actor.ActorId)).Exists) continue;
            var step = await session.ActorAsync($"actors/1/{actor.ActorId}", actor, actor.ActorId);
            if (step.Status == ImportStatus.Applied) registered++;
        }
        try { await session.FlushAsync(ct); }
        catch (ImportConflictException)
        {
            return 0; // another node seeded at the same moment: its events are the same ones
        }
        return registered;
    }
}
