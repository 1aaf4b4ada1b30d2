using Ledger.Grains;
using Orleans.Providers;

namespace Ledger.Incidents;

/// <summary>One incident, keyed by its id: the only activation in the cluster that writes stream <c>incident-{id}</c>.</summary>
public interface IIncidentGrain : ICommandGrain<IncidentCommand, IncidentState>;

[LogConsistencyProvider(ProviderName = CommandGrain.StorageProvider)]
public sealed class IncidentGrain(GrainStorage storage)
    : CommandGrain<IncidentState, IIncidentEvent, IncidentCommand>(storage, IncidentState.Initial), IIncidentGrain
{
    public static string StreamFor(string incidentId) => "incident-" + incidentId;

    protected override string StreamId => StreamFor(this.GetPrimaryKeyString());

    protected override IncidentState Fold(IncidentState state, IIncidentEvent @event, EventContext context) => state.Apply(@event, context);

    protected override Decision<IIncidentEvent> Decide(IncidentCommand command, IncidentState state, DateTimeOffset now) =>
        IncidentDecider.Decide(command, state, now);
}
