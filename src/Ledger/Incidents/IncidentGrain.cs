using Ledger.Grains;

namespace Ledger.Incidents;

/// <summary>One incident, keyed by its id: the only writer of stream <c>incident-{id}</c> in its process.</summary>
public interface IIncidentGrain : ICommandGrain<IncidentCommand, IncidentState>;

public sealed class IncidentGrain() : CommandGrain<IncidentState, IIncidentEvent, IncidentCommand>(IncidentState.Initial), IIncidentGrain
{
    public static string StreamFor(string incidentId) => "incident-" + incidentId;

    protected override string StreamId => StreamFor(GrainKey);

    protected override IncidentState TransitionState(IncidentState state, IIncidentEvent @event, EventContext context) => state.Apply(@event, context);

    protected override Decision<IIncidentEvent> Decide(IncidentCommand command, IncidentState state, DateTimeOffset now) =>
        IncidentDecider.Decide(command, state, now);
}

internal sealed class IncidentGrainReference(GrainHost host, string key)
    : CommandGrainReference<IncidentGrain, IncidentCommand, IncidentState>(host, key), IIncidentGrain;
