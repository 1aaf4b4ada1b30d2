using Ledger.Grains;

namespace Ledger.Incidents;

/// <summary>One incident, keyed by its id: the only writer of stream <c>incident-{id}</c> in its process.</summary>
public interface IIncidentGrain : IGrainWithStringKey
{
    Task<CommandOutcome> Handle(IncidentCommand command, CommandMetadata metadata);

    /// <summary>The incident as its stream stands now, caught up with other processes' appends.</summary>
    Task<Versioned<IncidentState>> GetState();
}

public sealed class IncidentGrain() : JournaledGrain<IncidentState, IIncidentEvent>(IncidentState.Initial), IIncidentGrain
{
    public static string StreamFor(string incidentId) => "incident-" + incidentId;

    protected override string StreamId => StreamFor(GrainKey);

    protected override IncidentState TransitionState(IncidentState state, IIncidentEvent @event, EventContext context) =>
        state.Apply(@event, context);

    public Task<CommandOutcome> Handle(IncidentCommand command, CommandMetadata metadata) =>
        Execute(metadata, (state, now) => IncidentDecider.Decide(command, state, now));

    public async Task<Versioned<IncidentState>> GetState()
    {
        await RefreshNow();
        return new Versioned<IncidentState>(State, Version);
    }
}

internal sealed class IncidentGrainReference(GrainHost host, string key) : IIncidentGrain
{
    public Task<CommandOutcome> Handle(IncidentCommand command, CommandMetadata metadata) =>
        host.InvokeAsync<IncidentGrain, CommandOutcome>(key, g => g.Handle(command, metadata));

    public Task<Versioned<IncidentState>> GetState() =>
        host.InvokeAsync<IncidentGrain, Versioned<IncidentState>>(key, g => g.GetState());
}
