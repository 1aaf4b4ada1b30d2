using Ledger.Grains;
using Orleans.Providers;

namespace Ledger.Regions;

/// <summary>One region, keyed by its id: definition and regional figures, stream <c>region-{id}</c>.</summary>
public interface IRegionGrain : ICommandGrain<RegionCommand, RegionState>;

[LogConsistencyProvider(ProviderName = CommandGrain.StorageProvider)]
public sealed class RegionGrain(GrainStorage storage)
    : CommandGrain<RegionState, IRegionEvent, RegionCommand>(storage, RegionDecider.Kind), IRegionGrain;
