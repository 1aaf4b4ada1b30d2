using Ledger.Grains;

namespace Ledger.Regions;

/// <summary>One region, keyed by its id: definition and regional figures, stream <c>region-{id}</c>.</summary>
public interface IRegionGrain : ICommandGrain<RegionCommand, RegionState>;

public sealed class RegionGrain() : CommandGrain<RegionState, IRegionEvent, RegionCommand>(RegionState.Initial), IRegionGrain
{
    public static string StreamFor(string regionId) => "region-" + regionId;

    protected override string StreamId => StreamFor(GrainKey);

    protected override RegionState TransitionState(RegionState state, IRegionEvent @event, EventContext context) => state.Apply(@event, context);

    protected override Decision<IRegionEvent> Decide(RegionCommand command, RegionState state, DateTimeOffset now) =>
        RegionDecider.Decide(command, state, now);
}

internal sealed class RegionGrainReference(GrainHost host, string key)
    : CommandGrainReference<RegionGrain, RegionCommand, RegionState>(host, key), IRegionGrain;
