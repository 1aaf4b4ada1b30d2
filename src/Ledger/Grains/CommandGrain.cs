using Ledger.EventStore;
using Ledger.Serialization;
using Ledger.Streams;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;

namespace Ledger.Grains;

/// <summary>What the ledger's grains read and write through: one per silo.</summary>
public sealed record GrainStorage(IEventStore Store, EventTypes EventTypes, TimeProvider Clock)
{
    public CommandHandler Handler { get; } = new(Store, EventTypes);
}

/// <summary>A grain that takes commands and answers its state: what incidents, regions and sources share.</summary>
public interface ICommandGrain<TCommand, TState> : IGrainWithStringKey
{
    Task<CommandOutcome> Handle(TCommand command, CommandMetadata metadata);

    /// <summary>The state as the stream stands now, caught up with writes made elsewhere (an import, the CLI).</summary>
    Task<Versioned<TState>> GetState();
}

public static class CommandGrain
{
    /// <summary>The name the silo registers our log-consistency provider under.</summary>
    public const string StorageProvider = "LedgerStore";
}

/// <summary>
/// An Orleans journaled grain over our event store, for one stream of a kind (<see cref="Decider{TCommand,TEvent,TState}"/>).
/// Commands go through the one write path (<see cref="CommandHandler"/>): its events are raised as conditional events, so Orleans appends them only at the version they were decided on. Storage
/// (<see cref="ApplyUpdatesToStorage"/>) settles every outcome itself and never leaves Orleans guessing:
/// <list type="bullet">
/// <item>committed, or committed by an earlier attempt whose answer was lost (the store recognises the event
/// ids): true, with the positions filled in, so each event is stored and folded once;</item>
/// <item>already stored by another writer with the same command id (an import, another node): true, not
/// folded, answered as a duplicate, and the stream read again;</item>
/// <item>another writer appended first: false; Orleans re-reads the stream, drops our conditional events, and
/// the command is decided again on what the other writer stored (never appended blindly on top);</item>
/// <item>the database failed and stayed down: the entries are marked failed, not folded, the caller gets the
/// error (503) and the grain re-reads its whole stream before serving again. Orleans is never left holding a
/// write to retry in the background, so nothing lands that was not acknowledged.</item>
/// </list>
/// </summary>
public abstract class CommandGrain<TState, TEvent, TCommand>(GrainStorage storage, Decider<TCommand, TEvent, TState> kind)
    : JournaledGrain<StreamView<TState>, LedgerEntry<TEvent>>, ICustomStorageInterface<StreamView<TState>, LedgerEntry<TEvent>>,
      ICommandGrain<TCommand, TState>
    where TState : class where TEvent : class
{
    private const int MaxAttempts = 8;
    private const int StoreAttempts = 3;
    private bool _stale;
    private bool _loaded;
    /// <summary>The tail <see cref="CatchUp"/> read, for the re-read it asks Orleans for.</summary>
    private (long From, IReadOnlyList<RecordedEvent> Events)? _prefetched;

    private string StreamId => kind.StreamFor(this.GetPrimaryKeyString());

    private StreamFold<TState> Current => State.Fold ?? StreamFold<TState>.Empty(kind.InitialState);

    /// <summary>Orleans' own activation waits for the first read of the stream, which retries until the database
    /// answers and holds every caller until its response timeout. We let activation finish at once and read on
    /// first use, asking the database first: while it is down, callers get a 503 they can retry, at once.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<CommandOutcome> Handle(TCommand command, CommandMetadata metadata) => Guarded(() => HandleCore(command, metadata));

    public Task<Versioned<TState>> GetState() => Guarded(GetStateCore);

    /// <summary>Database failures leave the grain as our own exception type: Orleans carries it to callers on any silo.</summary>
    private static async Task<T> Guarded<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (Exception ex) when (StorageUnavailableException.IsCause(ex))
        {
            throw new StorageUnavailableException($"the database cannot be reached: {ex.Message}");
        }
    }

    private async Task<CommandOutcome> HandleCore(TCommand command, CommandMetadata metadata)
    {
        if (_stale || !_loaded) await CatchUp();
        for (var attempt = 1; ; attempt++)
        {
            // An If-Match that does not match may only be behind: catch up before refusing.
            if (metadata.ExpectedVersion is { } expected && expected != Version) await CatchUp();
            var step = storage.Handler.Decide(kind, StreamId, Current, command, metadata, storage.Clock.GetUtcNow());
            if (step is CommandStep<TEvent>.Duplicate) return new CommandOutcome(CommandStatus.Duplicate, Version, []);
            if (step is CommandStep<TEvent>.Refused refused) return new CommandOutcome(CommandStatus.Refused, Version, [], refused.Error);
            var decided = (CommandStep<TEvent>.Append)step;
            if (decided.Events.Count == 0) return new CommandOutcome(CommandStatus.Accepted, Version, []);

            var entries = decided.Events.Select((e, i) => new LedgerEntry<TEvent>(e, decided.Stored.Events[i])).ToList();
            var confirmed = await RaiseConditionalEvents(entries);
            if (entries.FirstOrDefault(e => e.Failure is not null)?.Failure is { } failure)
                throw new StorageUnavailableException($"{StreamId}: the write failed and may not have been stored ({failure.Message})");
            if (confirmed && entries[0].StoredBefore) return new CommandOutcome(CommandStatus.Duplicate, await CaughtUpVersion(), []);
            if (confirmed)
            {
                var last = entries[^1].Context!;
                return new CommandOutcome(CommandStatus.Accepted, Version, decided.Events.Cast<object>().ToList(), null, last.Position, last.RecordedAt);
            }
            // Another writer appended first and Orleans has read what it wrote: decide again on that.
            if (attempt >= MaxAttempts) throw new ConcurrencyExhaustedException(StreamId, attempt);
            Telemetry.LedgerMetrics.ConcurrencyRetries.Add(1);
        }
    }

    private async Task<Versioned<TState>> GetStateCore()
    {
        // Every read catches up: it finds writes made outside this activation (an import, the CLI).
        await CatchUp();
        return new Versioned<TState>(Current.State, Version);
    }

    private async Task<long> CaughtUpVersion()
    {
        await CatchUp();
        return Version;
    }

    /// <summary>
    /// Reads the stream's tail (the whole stream when the view is in doubt) in one indexed query, which fails fast
    /// while the database is down, where Orleans' own read would wait for it. Only when the tail holds events, or
    /// the view was never read or is in doubt, does Orleans re-read: it folds the tail read here, not a second one.
    /// </summary>
    private async Task CatchUp()
    {
        var from = _stale || !_loaded ? 1 : Version + 1;
        var tail = await storage.Store.ReadStreamAsync(StreamId, from);
        if (tail.Count == 0 && !_stale && _loaded) return;
        _prefetched = (from, tail);
        await RefreshNow();
    }

    public async Task<KeyValuePair<int, StreamView<TState>>> ReadStateFromStorage()
    {
        // Incremental: the confirmed view plus the stream's tail, unless a failed write left the view in doubt.
        var full = _stale;
        var from = full ? 1 : Version + 1;
        var fold = full ? StreamFold<TState>.Empty(kind.InitialState) : Current;
        var tail = _prefetched is { From: var f, Events: var prefetched } && f == from ? prefetched : await storage.Store.ReadStreamAsync(StreamId, from);
        _prefetched = null;
        var view = new StreamView<TState> { Fold = storage.Handler.FoldIn(kind, fold, tail) };
        _stale = false;
        _loaded = true;
        return new KeyValuePair<int, StreamView<TState>>(checked((int)view.Fold.Version), view);
    }

    public async Task<bool> ApplyUpdatesToStorage(IReadOnlyList<LedgerEntry<TEvent>> updates, int expectedVersion)
    {
        // The entries were decided, serialised and given their ids by the handler; here they are stored at Orleans' version.
        var append = new StreamAppend(StreamId, expectedVersion, updates.Select(u => u.Stored).ToList());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A retry after a lost answer resends the same event ids: the store answers with where they landed.
                var resent = updates[0].Sent;
                foreach (var u in updates) u.Sent = true;
                var result = await storage.Handler.AppendAsync(append);
                if (result.Duplicate && !resent)
                {
                    // Stored before by another writer with the same command id, maybe at other versions than ours:
                    // nothing is folded, and the whole stream is read again before the next use.
                    foreach (var u in updates) u.StoredBefore = true;
                    _stale = true;
                    return true;
                }
                if (result.Version != expectedVersion + updates.Count) _stale = true;
                var firstVersion = result.Version - updates.Count + 1;
                for (var i = 0; i < updates.Count; i++)
                    updates[i].Context = new EventContext(firstVersion + i, result.FirstPosition + i, result.RecordedAt, updates[i].Metadata.RecordedBy);
                return true;
            }
            catch (WrongExpectedVersionException)
            {
                return false;
            }
            catch (Exception ex) when (attempt < StoreAttempts && StorageUnavailableException.IsCause(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(150 * attempt));
            }
            catch (Exception ex)
            {
                // Settled as failed for the caller; whether it landed is for the next read to say.
                foreach (var u in updates) u.Failure = ex;
                _stale = true;
                return true;
            }
        }
    }

    protected override void TransitionState(StreamView<TState> view, LedgerEntry<TEvent> entry)
    {
        // Entries are folded once storage has placed them; tentative (unplaced) and failed ones are not.
        if (entry.Context is { } context && entry.Failure is null && !entry.StoredBefore)
            view.Fold = CommandHandler.Evolve(kind, view.Fold ?? StreamFold<TState>.Empty(kind.InitialState), entry.Event, context, entry.Metadata.CausationId);
    }
}
