using Ledger.Grains;
using Orleans.Providers;

namespace Ledger.Incidents;

/// <summary>One incident, keyed by its id: the only activation in the cluster that writes stream <c>incident-{id}</c>.</summary>
public interface IIncidentGrain : ICommandGrain<IncidentCommand, IncidentState>;

[LogConsistencyProvider(ProviderName = CommandGrain.StorageProvider)]
public sealed class IncidentGrain(GrainStorage storage)
    : CommandGrain<IncidentState, IIncidentEvent, IncidentCommand>(storage, IncidentDecider.Kind), IIncidentGrain;
