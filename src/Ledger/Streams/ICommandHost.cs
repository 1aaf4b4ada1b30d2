using Ledger.Grains;

namespace Ledger.Streams;

/// <summary>
/// Where commands run: the grains for one stream each (<see cref="GrainCommandHost"/>, behind the API), or an import
/// session for many streams in a batch (<see cref="Import.ImportSession"/>). Both run the one write loop of
/// <see cref="CommandHandler"/>; the command map and the command service above them are the same for both.
/// </summary>
public interface ICommandHost
{
    /// <summary>Decides the command on the stream and stores what it decided.</summary>
    Task<CommandOutcome> SendAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string id, TCommand command,
        CommandMetadata metadata) where TEvent : class where TState : class;

    /// <summary>The stream's state as this host sees it now, with its version.</summary>
    Task<Versioned<TState>> StateAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string id)
        where TEvent : class where TState : class;
}
