namespace Ledger;

/// <summary>
/// A kind of stream, declared once in its slice as a value (Oskar Dudycz's Decider): the prefix its stream names
/// take, its initial state, how an event evolves the state (a pure fold), how a command is decided on a state,
/// and the event types it stores. Grains, import and projections take stream names and folds from here.
/// </summary>
public sealed record Decider<TCommand, TEvent, TState>(
    string StreamPrefix,
    TState InitialState,
    Func<TState, TEvent, EventContext, TState> Evolve,
    Func<TCommand, TState, DateTimeOffset, Decision<TEvent>> Decide,
    IReadOnlyList<Type> EventTypes) : IStreamKind
    where TEvent : class where TState : class
{
    public string StreamFor(string id) => StreamPrefix + id;

    public bool Owns(string streamId) => streamId.StartsWith(StreamPrefix, StringComparison.Ordinal);

    /// <summary>The state after the events, from the initial state.</summary>
    public TState Fold(IEnumerable<(TEvent Event, EventContext Context)> events) =>
        events.Aggregate(InitialState, (state, e) => Evolve(state, e.Event, e.Context));

    object IStreamKind.InitialState => InitialState;
    object IStreamKind.Evolve(object state, object @event, EventContext context) => Evolve((TState)state, (TEvent)@event, context);
}

/// <summary>A stream kind without its types, for code that handles several kinds at once (an import's cache).</summary>
public interface IStreamKind
{
    string StreamPrefix { get; }
    object InitialState { get; }
    IReadOnlyList<Type> EventTypes { get; }
    bool Owns(string streamId);
    object Evolve(object state, object @event, EventContext context);
}
