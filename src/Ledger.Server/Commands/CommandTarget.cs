using Ledger.Grains;
using Ledger.Streams;

namespace Ledger.Server.Commands;

/// <summary>A command bound for one stream: the stream's kind and id, and the domain command.</summary>
public abstract record CommandTarget(string Id, object Command)
{
    public abstract Task<CommandOutcome> SendAsync(ICommandHost host, CommandMetadata metadata);

    /// <summary>The stream's state after the command, and its version.</summary>
    public abstract Task<(object State, long Version)> StateAsync(ICommandHost host);

    public static CommandTarget To<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string id, TCommand command)
        where TCommand : notnull where TEvent : class where TState : class => new Of<TCommand, TEvent, TState>(kind, id, command);

    private sealed record Of<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> Kind, string StreamId, TCommand Typed)
        : CommandTarget(StreamId, Typed) where TCommand : notnull where TEvent : class where TState : class
    {
        public override Task<CommandOutcome> SendAsync(ICommandHost host, CommandMetadata metadata) => host.SendAsync(Kind, Id, Typed, metadata);

        public override async Task<(object State, long Version)> StateAsync(ICommandHost host) =>
            await host.StateAsync(Kind, Id) is var s ? (s.State, s.Version) : default;
    }
}
