using Ledger.EventStore;
using Ledger.Import;

namespace Ledger.Actors;

public static class ActorSeeding
{
    /// <summary>Registers the actors a new ledger starts with (actors.json), as events, once. An actor the ledger already
    /// holds (registered by an editor, renamed, merged) is left as it is. Returns how many were registered now.</summary>
    public static Task<int> EnsureAsync(MartenEventStore store, CancellationToken ct = default) =>
        StartupSeeding.EnsureAsync(store, ActorDecider.Kind,
            SeedActors.Commands.Select(a => (a.ActorId, $"actors/1/{a.ActorId}", (ActorCommand)a)), state => state.Exists, ct);
}
