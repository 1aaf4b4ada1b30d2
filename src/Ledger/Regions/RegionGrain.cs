using Ledger.Grains;

namespace Ledger.Regions;

/// <summary>One region, keyed by its id: definition and regional figures, stream <c>region-{id}</c>.</summary>
public interface IRegionGrain : IGrainWithStringKey
{
    Task<CommandOutcome> Handle(RegionCommand command, CommandMetadata metadata);
    Task<Versioned<RegionState>> GetState();
}

public sealed class RegionGrain() : JournaledGrain<RegionState, IRegionEvent>(RegionState.Initial), IRegionGrain
{
    public static string StreamFor(string regionId) => "region-" + regionId;

    protected override string StreamId => StreamFor(GrainKey);

    protected override RegionState TransitionState(RegionState state, IRegionEvent @event, EventContext context) =>
        state.Apply(@event, context);

    public Task<CommandOutcome> Handle(RegionCommand command, CommandMetadata metadata) =>
        Execute(metadata, (state, now) => RegionDecider.Decide(command, state, now));

    public async Task<Versioned<RegionState>> GetState()
    {
        await RefreshNow();
        return new Versioned<RegionState>(State, Version);
    }
}

internal sealed class RegionGrainReference(GrainHost host, string key) : IRegionGrain
{
    public Task<CommandOutcome> Handle(RegionCommand command, CommandMetadata metadata) =>
        host.InvokeAsync<RegionGrain, CommandOutcome>(key, g => g.Handle(command, metadata));

    public Task<Versioned<RegionState>> GetState() =>
        host.InvokeAsync<RegionGrain, Versioned<RegionState>>(key, g => g.GetState());
}
