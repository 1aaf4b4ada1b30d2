using Ledger.Grains;
using Orleans.Providers;

namespace Ledger.Regions;

/// <summary>One region, keyed by its id: definition and regional figures, stream <c>region-{id}</c>.</summary>
public interface IRegionGrain : ICommandGrain<RegionCommand, RegionState>;

[LogConsistencyProvider(ProviderName = CommandGrain.StorageProvider)]
public sealed class RegionGrain(GrainStorage storage)
    : CommandGrain<RegionState, IRegionEvent, RegionCommand>(storage, RegionState.Initial), IRegionGrain
{
    public static string StreamFor(string regionId) => "region-" + regionId;

    protected override string StreamId => StreamFor(this.GetPrimaryKeyString());

    protected override RegionState Fold(RegionState state, IRegionEvent @event, EventContext context) => state.Apply(@event, context);

    protected override Decision<IRegionEvent> Decide(RegionCommand command, RegionState state, DateTimeOffset now) =>
        RegionDecider.Decide(command, state, now);
}
