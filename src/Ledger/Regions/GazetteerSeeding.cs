using Ledger.EventStore;
using Ledger.Import;

namespace Ledger.Regions;

public static class GazetteerSeeding
{
    /// <summary>Defines the gazetteer's regions as events, once, in one transaction: the command ids are fixed, so
    /// every node and every restart agrees and a second run appends nothing. It writes through the import's bulk
    /// path, not the grains; a region grain already active elsewhere finds the new events when it next reads or
    /// writes (see <see cref="Grains.CommandGrain{TState,TEvent,TCommand}"/>). Returns how many were defined now.</summary>
    public static async Task<int> EnsureAsync(MartenEventStore store, CancellationToken ct = default)
    {
        var session = new ImportSession(store, "ledger", correlationId: "startup");
        await session.PrefetchAsync(Gazetteer.Regions.Select(r => RegionDecider.Kind.StreamFor(r.RegionId)), ct);
        var defined = 0;
        foreach (var r in Gazetteer.Regions)
        {
            var step = await session.RegionAsync(
                // "gazetteer/2": the first version's table had sy10, sy11 and sy13 swapped; its command ids must
                // not be reused for other content. A ledger that holds those definitions keeps them (a region is
                // defined once) and lookups prefer this table.
                $"gazetteer/2/{r.RegionId}",
                new DefineRegion(r.RegionId, r.Name, r.Country, r.Level, r.ParentId, r.Aliases, r.Members, r.NameAr, r.IsoCode),
                r.RegionId);
            if (step.Status == ImportStatus.Applied) defined++;
        }
        try { await session.FlushAsync(ct); }
        catch (ImportConflictException)
        {
            return 0; // another node seeded at the same moment: its events are the same ones
        }
        return defined;
    }
}
