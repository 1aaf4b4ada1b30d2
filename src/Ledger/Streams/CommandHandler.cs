using Ledger.EventStore;
using Ledger.Serialization;

namespace Ledger.Streams;

/// <summary>
/// The one write path of every stream kind: read the stream's tail and fold it, check the command id, decide,
/// give the events their ids, append. Grains run it for one stream (their Orleans storage reads and appends
/// through it); import runs it for many streams and appends them in batches. Event ids follow from the stream
/// and the command id, so a command resent from anywhere is recognised by the store.
/// </summary>
public sealed class CommandHandler(IEventStore store, EventTypes types)
{
    public IEventStore Store => store;

    /// <summary>The stream's events from <paramref name="fold"/>'s version on, folded onto it.</summary>
    public async Task<StreamFold<TState>> ReadAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string streamId,
        StreamFold<TState>? fold = null, CancellationToken ct = default) where TEvent : class where TState : class
    {
        fold ??= StreamFold<TState>.Empty(kind.InitialState);
        return FoldIn(kind, fold, await store.ReadStreamAsync(streamId, fold.Version + 1, ct));
    }

    /// <summary>Stored events folded onto a stream.</summary>
    public StreamFold<TState> FoldIn<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, StreamFold<TState> fold,
        IEnumerable<RecordedEvent> events) where TEvent : class where TState : class
    {
        foreach (var e in events) fold = Evolve(kind, fold, (TEvent)types.Deserialize(e.Type, e.Data), e.Context, e.CausationId);
        return fold;
    }

    /// <summary>One event folded onto a stream, with the command that decided it.</summary>
    public static StreamFold<TState> Evolve<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, StreamFold<TState> fold,
        TEvent @event, EventContext context, string? commandId) where TEvent : class where TState : class =>
        new(kind.Evolve(fold.State, @event, context), context.Version,
            commandId is null ? fold.Commands : fold.Commands.Add(commandId), context);

    /// <summary>The command id, the If-Match, then the decider; pure.</summary>
    public CommandStep<TEvent> Decide<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string streamId,
        StreamFold<TState> fold, TCommand command, Grains.CommandMetadata metadata, DateTimeOffset now)
        where TEvent : class where TState : class
    {
        if (metadata.CommandId is { } id && fold.Commands.Contains(id)) return new CommandStep<TEvent>.Duplicate();
        if (metadata.ExpectedVersion is { } expected && expected != fold.Version)
            return new CommandStep<TEvent>.Refused(new DomainError(DomainErrorKind.PreconditionFailed,
                "version-mismatch", $"{streamId} is at version {fold.Version}, not {expected}"));
        var decision = kind.Decide(command, fold.State, now);
        if (decision.Error is not null) return new CommandStep<TEvent>.Refused(decision.Error);
        var eventMetadata = new EventMetadata(metadata.RecordedBy, metadata.CorrelationId, metadata.CommandId);
        var stored = decision.Events.Select((e, i) => new EventData(EventIdFor(streamId, metadata.CommandId, i), types.NameOf(e),
            types.Serialize(e), eventMetadata)).ToList();
        return new CommandStep<TEvent>.Append(decision.Events, new StreamAppend(streamId, fold.Version, stored));
    }

    public Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken ct = default) => store.AppendAsync(append, ct);

    /// <summary>Many streams in one transaction, each all or nothing, each with its own answer.</summary>
    public Task<AppendOutcome[]> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default) =>
        store.AppendManyAsync(appends, ct);

    private static Guid EventIdFor(string streamId, string? commandId, int index) =>
        commandId is { } id ? Grains.DeterministicGuid.ForEvent(streamId, id, index) : Guid.CreateVersion7();
}
