using Ledger.Grains;
using Orleans.Providers;

namespace Ledger.Actors;

/// <summary>One actor, keyed by its id: stream <c>actor-{id}</c>.</summary>
public interface IActorGrain : ICommandGrain<ActorCommand, ActorState>;

[LogConsistencyProvider(ProviderName = CommandGrain.StorageProvider)]
public sealed class ActorGrain(GrainStorage storage)
    : CommandGrain<ActorState, IActorEvent, ActorCommand>(storage, ActorDecider.Kind), IActorGrain;
