namespace Ledger.Grains;

/// <summary>A grain that takes commands and answers its state: what incidents, regions and sources share.</summary>
public interface ICommandGrain<in TCommand, TState> : IGrainWithStringKey
{
    Task<CommandOutcome> Handle(TCommand command, CommandMetadata metadata);

    /// <summary>The state as the stream stands now, caught up with other processes' appends.</summary>
    Task<Versioned<TState>> GetState();
}

/// <summary>A journaled grain whose commands go through a pure decider.</summary>
public abstract class CommandGrain<TState, TEvent, TCommand>(TState initial)
    : JournaledGrain<TState, TEvent>(initial), ICommandGrain<TCommand, TState>
    where TState : class where TEvent : class
{
    protected abstract Decision<TEvent> Decide(TCommand command, TState state, DateTimeOffset now);

    public Task<CommandOutcome> Handle(TCommand command, CommandMetadata metadata) =>
        Execute(metadata, (state, now) => Decide(command, state, now));

    public async Task<Versioned<TState>> GetState()
    {
        await RefreshNow();
        return new Versioned<TState>(State, Version);
    }
}

/// <summary>What callers hold instead of the grain: every call goes through the host, in the grain's turn.</summary>
public abstract class CommandGrainReference<TGrain, TCommand, TState>(GrainHost host, string key) : ICommandGrain<TCommand, TState>
    where TGrain : Grain, ICommandGrain<TCommand, TState>
{
    public Task<CommandOutcome> Handle(TCommand command, CommandMetadata metadata) =>
        host.InvokeAsync<TGrain, CommandOutcome>(key, g => g.Handle(command, metadata));

    public Task<Versioned<TState>> GetState() => host.InvokeAsync<TGrain, Versioned<TState>>(key, g => g.GetState());
}
