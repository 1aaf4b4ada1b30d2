using Ledger.Actors;
using Ledger.Incidents;
using Ledger.Regions;
using Ledger.Sources;
using Ledger.Streams;

namespace Ledger.Grains;

/// <summary>Commands run by the grain of their stream, on whichever silo holds it.</summary>
public sealed class GrainCommandHost(IGrainFactory grains) : ICommandHost
{
    public Task<CommandOutcome> SendAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string id, TCommand command,
        CommandMetadata metadata) where TEvent : class where TState : class => Grain(kind, id).Handle(command, metadata);

    public Task<Versioned<TState>> StateAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string id)
        where TEvent : class where TState : class => Grain(kind, id).GetState();

    /// <summary>The grain of a stream kind, by the kind's command type.</summary>
    private ICommandGrain<TCommand, TState> Grain<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string id)
        where TEvent : class where TState : class
    {
        var command = typeof(TCommand);
        object grain = command == typeof(IncidentCommand) ? grains.GetGrain<IIncidentGrain>(id)
            : command == typeof(RegionCommand) ? grains.GetGrain<IRegionGrain>(id)
            : command == typeof(RegisterSource) ? grains.GetGrain<ISourceGrain>(id)
            : command == typeof(ActorCommand) ? grains.GetGrain<IActorGrain>(id)
            : throw new ArgumentException($"no grain hosts streams of {kind.StreamPrefix}", nameof(kind));
        return (ICommandGrain<TCommand, TState>)grain;
    }
}
