using Ledger.Grains;

namespace Ledger.Regions;

public static class GazetteerSeeding
{
    /// <summary>Defines the gazetteer's regions as events, once: the command ids are fixed, so every node and
    /// every restart agrees and a second run appends nothing. Returns how many were defined now.</summary>
    public static async Task<int> EnsureAsync(GrainHost grains)
    {
        var defined = 0;
        foreach (var r in Gazetteer.Regions)
        {
            var outcome = await grains.GetGrain<IRegionGrain>(r.RegionId).Handle(
                new DefineRegion(r.RegionId, r.Name, r.Country, r.Level, r.ParentId, r.Aliases, r.Members, r.NameAr, r.IsoCode),
                // "gazetteer/2": the first version's table had sy10, sy11 and sy13 swapped; its command ids must
                // not be reused for other content. A ledger that holds those definitions keeps them (a region is
                // defined once) and lookups prefer this table.
                new CommandMetadata("ledger", "startup", $"gazetteer/2/{r.RegionId}"));
            if (outcome.Status == CommandStatus.Accepted) defined++;
        }
        return defined;
    }
}
