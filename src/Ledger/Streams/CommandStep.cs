using Ledger.EventStore;

namespace Ledger.Streams;

/// <summary>What deciding a command on a folded stream comes to, before anything is written.</summary>
public abstract record CommandStep<TEvent>
{
    private CommandStep() { }

    /// <summary>The stream already holds this command id: nothing to append.</summary>
    public sealed record Duplicate : CommandStep<TEvent>;

    /// <summary>The decider (or the If-Match) refused the command.</summary>
    public sealed record Refused(DomainError Error) : CommandStep<TEvent>;

    /// <summary>Accepted: the events, and the append that stores them at the version they were decided on.</summary>
    public sealed record Append(IReadOnlyList<TEvent> Events, StreamAppend Stored) : CommandStep<TEvent>;
}
