using Ledger.Incidents;
using Ledger.Regions;
using Ledger.Sources;

namespace Ledger.Grains;

public static class LedgerGrains
{
    /// <summary>Registers the ledger's grains: incidents, regions and sources.</summary>
    public static GrainHost AddLedgerGrains(this GrainHost host) => host
        .AddGrain<IIncidentGrain, IncidentGrain>(() => new IncidentGrain(), (h, key) => new IncidentGrainReference(h, key))
        .AddGrain<IRegionGrain, RegionGrain>(() => new RegionGrain(), (h, key) => new RegionGrainReference(h, key))
        .AddGrain<ISourceGrain, SourceGrain>(() => new SourceGrain(), (h, key) => new SourceGrainReference(h, key));
}
