using Ledger.EventStore;

namespace Ledger.Grains;

/// <summary>
/// An event-sourced grain in the shape of Orleans' JournaledGrain: <see cref="State"/> is the fold of the
/// stream's confirmed events, <see cref="Version"/> its length; <see cref="RaiseEvent"/> queues an event and
/// <see cref="ConfirmEvents"/> appends the queue at <see cref="Version"/>. When another process appended
/// first, <see cref="Execute"/> reloads and decides again instead of failing the caller.
/// </summary>
public abstract class JournaledGrain<TState, TEvent> : Grain where TState : class where TEvent : class
{
    private const int MaxAttempts = 8;
    private readonly List<TEvent> _unconfirmed = [];
    private readonly HashSet<string> _appliedCommands = new(StringComparer.Ordinal);
    private bool _mayBeStale;

    protected JournaledGrain(TState initial) => State = initial;

    public TState State { get; private set; }
    public long Version { get; private set; }
    protected IReadOnlyList<TEvent> UnconfirmedEvents => _unconfirmed;

    protected abstract string StreamId { get; }
    protected abstract TState TransitionState(TState state, TEvent @event, EventContext context);

    public override Task OnActivateAsync(CancellationToken ct) => RefreshNow(ct);

    protected void RaiseEvent(TEvent @event) => _unconfirmed.Add(@event);

    /// <summary>Appends the raised events at the current version and folds them into <see cref="State"/>.
    /// On any failure nothing is folded and the raised events are dropped.</summary>
    protected async Task<AppendResult> ConfirmEvents(CommandMetadata metadata)
    {
        var events = _unconfirmed.ToList();
        _unconfirmed.Clear();
        var data = events.Select((e, i) => new EventData(
            EventIdFor(metadata, i), Context.EventTypes.NameOf(e), Context.EventTypes.Serialize(e),
            new EventMetadata(metadata.RecordedBy, metadata.CorrelationId, metadata.CommandId))).ToList();
        AppendResult result;
        try
        {
            result = await Context.Store.AppendAsync(new StreamAppend(StreamId, Version, data));
        }
        catch (Exception ex) when (ex is not WrongExpectedVersionException)
        {
            _mayBeStale = true; // the commit may have landed without us hearing of it
            throw;
        }
        if (result.Duplicate)
            await RefreshNow(); // they were stored by an earlier attempt whose answer we missed: read what is there
        else
            for (var i = 0; i < events.Count; i++)
                Apply(events[i], new EventContext(Version + 1, result.FirstPosition + i, result.RecordedAt, metadata.RecordedBy), metadata.CommandId);
        return result;
    }

    /// <summary>Catches up with events other processes appended since this activation last looked.</summary>
    protected async Task RefreshNow(CancellationToken ct = default)
    {
        foreach (var e in await Context.Store.ReadStreamAsync(StreamId, Version + 1, ct))
            Apply((TEvent)Context.EventTypes.Deserialize(e.Type, e.Data), e.Context, e.CausationId);
        _mayBeStale = false;
    }

    /// <summary>
    /// Decides a command against the current state and confirms the events, retrying on concurrent appends.
    /// A command id seen before answers <see cref="CommandStatus.Duplicate"/> and appends nothing.
    /// </summary>
    protected async Task<CommandOutcome> Execute(CommandMetadata metadata, Func<TState, DateTimeOffset, Decision<TEvent>> decide)
    {
        if (_mayBeStale) await RefreshNow();
        for (var attempt = 1; ; attempt++)
        {
            if (metadata.CommandId is { } id && _appliedCommands.Contains(id))
                return new CommandOutcome(CommandStatus.Duplicate, Version, []);
            if (metadata.ExpectedVersion is { } expected && expected != Version)
                return new CommandOutcome(CommandStatus.Refused, Version, [], new DomainError(DomainErrorKind.PreconditionFailed,
                    "version-mismatch", $"{StreamId} is at version {Version}, not {expected}"));

            var decision = decide(State, Context.Clock.GetUtcNow());
            if (decision.Error is not null) return new CommandOutcome(CommandStatus.Refused, Version, [], decision.Error);
            foreach (var e in decision.Events) RaiseEvent(e);
            try
            {
                var result = await ConfirmEvents(metadata);
                return new CommandOutcome(result.Duplicate ? CommandStatus.Duplicate : CommandStatus.Accepted, Version,
                    decision.Events.Cast<object>().ToList(), null, result.LastPosition, result.RecordedAt);
            }
            catch (WrongExpectedVersionException) when (attempt < MaxAttempts)
            {
                Telemetry.LedgerMetrics.ConcurrencyRetries.Add(1);
                await RefreshNow(); // another process appended first: decide again on what it wrote
            }
            catch (WrongExpectedVersionException)
            {
                throw new ConcurrencyExhaustedException(StreamId, attempt);
            }
        }
    }

    private void Apply(TEvent @event, EventContext context, string? commandId)
    {
        State = TransitionState(State, @event, context);
        Version = context.Version;
        if (commandId is not null) _appliedCommands.Add(commandId);
    }

    private Guid EventIdFor(CommandMetadata metadata, int index) =>
        metadata.CommandId is { } id
            ? DeterministicGuid.ForEvent(StreamId, id, index)
            : Guid.CreateVersion7();
}
