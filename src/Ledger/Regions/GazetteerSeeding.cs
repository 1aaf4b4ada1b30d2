using Ledger.EventStore;
using Ledger.Import;

namespace Ledger.Regions;

public static class GazetteerSeeding
{
    /// <summary>Defines the gazetteer's regions as events, once (see <see cref="StartupSeeding"/>). A region grain already
    /// active elsewhere finds the new events when it next reads or writes (see
    /// <see cref="Grains.CommandGrain{TState,TEvent,TCommand}"/>). Returns how many were defined now.</summary>
    public static Task<int> EnsureAsync(MartenEventStore store, CancellationToken ct = default) =>
        StartupSeeding.EnsureAsync(store, RegionDecider.Kind, Gazetteer.Regions.Select(r => (r.RegionId,
            // "gazetteer/2": the first version's table had sy10, sy11 and sy13 swapped; its command ids must not be reused
            // for other content. A ledger that holds those definitions keeps them (a region is defined once) and lookups
            // prefer this table.
            $"gazetteer/2/{r.RegionId}",
            (RegionCommand)new DefineRegion(r.RegionId, r.Name, r.Country, r.Level, r.ParentId, r.Aliases, r.Members, r.NameAr, r.IsoCode))),
            ct: ct);
}
