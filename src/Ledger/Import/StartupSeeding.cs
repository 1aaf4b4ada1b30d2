using Ledger.EventStore;

namespace Ledger.Import;

/// <summary>What a ledger defines for itself at start (the gazetteer's regions, the actors it starts with): commands
/// with fixed ids, written once in one transaction through the import's bulk path, so that every node and every
/// restart agrees and a second run appends nothing.</summary>
public static class StartupSeeding
{
    /// <summary>Sends each command to its stream unless <paramref name="skip"/> says the stream's state already has
    /// what it would give; returns how many were applied now (0 when another node seeded at the same moment).</summary>
    public static async Task<int> EnsureAsync<TCommand, TEvent, TState>(MartenEventStore store, Decider<TCommand, TEvent, TState> kind,
        IEnumerable<(string Id, string CommandId, TCommand Command)> seeds, Func<TState, bool>? skip = null, CancellationToken ct = default)
        where TEvent : class where TState : class
    {
        var list = seeds.ToList();
        var session = new ImportSession(store, "ledger", correlationId: "startup");
        await session.PrefetchAsync(list.Select(s => kind.StreamFor(s.Id)), ct);
        var applied = 0;
        foreach (var (id, commandId, command) in list)
        {
            if (skip is not null && skip(await session.StateAsync(kind, id))) continue;
            if ((await session.SendAsync(kind, id, commandId, command!)).Status == ImportStatus.Applied) applied++;
        }
        try { await session.FlushAsync(ct); }
        catch (ImportConflictException)
        {
            return 0; // another node seeded at the same moment: its events are the same ones
        }
        return applied;
    }
}
