using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Regions;
using Ledger.Serialization;
using Ledger.Sources;
using Ledger.Streams;

namespace Ledger.Import;

/// <summary>What became of one imported command.</summary>
public enum ImportStatus { Applied, Duplicate, Refused }

public sealed record ImportStep(ImportStatus Status, int Events, DomainError? Error = null);

/// <summary>Another writer appended to a stream the import was writing: nothing of the chunk was stored.</summary>
public sealed class ImportConflictException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Bulk writes without one transaction per event, on the one write path (<see cref="CommandHandler"/>): commands are
/// decided by the same deciders the grains use, against stream folds cached here, and their events are written for
/// many streams in one transaction per <see cref="FlushAsync"/>. A command id seen in a stream before appends
/// nothing, and event ids follow from command ids exactly as the grains make them, so an import can be run again,
/// or resumed after a crash.
/// </summary>
public sealed class ImportSession(IEventStore store, string recordedBy, TimeProvider? clock = null, EventTypes? types = null,
    string correlationId = "import") : ICommandHost
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly CommandHandler _handler = new(store, types ?? EventTypes.Ledger);
    private readonly Dictionary<string, StreamCache> _streams = new(StringComparer.Ordinal);

    public int PendingEvents { get; private set; }


    public Task<ImportStep> IncidentAsync(string commandId, IncidentCommand command, string incidentId) =>
        ExecuteAsync(IncidentDecider.Kind, incidentId, commandId, command);

    /// <summary>A command to a stream of any kind.</summary>
    public Task<ImportStep> SendAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string id, string commandId, TCommand command)
        where TEvent : class where TState : class => ExecuteAsync(kind, id, commandId, command);

    /// <summary>A command of the command map, under its import line's command id (the host of a batch).</summary>
    public async Task<CommandOutcome> SendAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string id, TCommand command,
        CommandMetadata metadata) where TEvent : class where TState : class
    {
        var step = await ExecuteAsync(kind, id, metadata.CommandId ?? throw new ArgumentException("an imported command has an id", nameof(metadata)), command);
        var version = (await LoadAsync(kind, kind.StreamFor(id))).Version;
        return step.Status switch
        {
            ImportStatus.Applied => new CommandOutcome(CommandStatus.Accepted, version, []),
            ImportStatus.Duplicate => new CommandOutcome(CommandStatus.Duplicate, version, []),
            _ => new CommandOutcome(CommandStatus.Refused, version, [], step.Error),
        };
    }

    async Task<Versioned<TState>> ICommandHost.StateAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string id)
    {
        var fold = await LoadAsync(kind, kind.StreamFor(id));
        return new Versioned<TState>(fold.State, fold.Version);
    }

    /// <summary>A stream's state as this import sees it, pending events included.</summary>
    public async Task<TState> StateAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string id)
        where TEvent : class where TState : class => (await LoadAsync(kind, kind.StreamFor(id))).State;

    /// <summary>Events handed to a background flush that has not landed yet.</summary>
    public int InFlightEvents { get; private set; }

    private Task<(List<StreamAppend> Appends, IReadOnlyList<AppendOutcome> Outcomes)>? _inFlight;

    /// <summary>Writes every pending event, all streams in one transaction, after any background flush has landed;
    /// returns how many events landed. Afterwards the cache is the store's.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        var landed = await LandAsync();
        if (TakePending() is not { } appends) return landed;
        return landed + await LandAsync(WriteAsync(appends, ct));
    }

    /// <summary>Starts writing every pending event in the background, once the previous background flush has
    /// landed, and returns how many events that one wrote. Deciding the next chunk then overlaps with this
    /// chunk's transaction (our core decides while PostgreSQL's writes). A failure surfaces at the next flush.</summary>
    public async Task<int> FlushInBackgroundAsync(CancellationToken ct = default)
    {
        var landed = await LandAsync();
        if (TakePending() is { } appends)
        {
            InFlightEvents = appends.Sum(a => a.Events.Count);
            _inFlight = WriteAsync(appends, ct);
        }
        return landed;
    }

    private async Task<(List<StreamAppend> Appends, IReadOnlyList<AppendOutcome> Outcomes)> WriteAsync(List<StreamAppend> appends, CancellationToken ct) =>
        (appends, await _handler.AppendManyAsync(appends, ct));

    private Task<int> LandAsync()
    {
        if (_inFlight is not { } flight) return Task.FromResult(0);
        _inFlight = null;
        InFlightEvents = 0;
        return LandAsync(flight);
    }

    private async Task<int> LandAsync(Task<(List<StreamAppend> Appends, IReadOnlyList<AppendOutcome> Outcomes)> flight)
    {
        // Nullable, not unassigned before the try (README, ops/mutate: Stryker drops a whole method whose mutant leaves a variable unassigned).
        (List<StreamAppend> Appends, IReadOnlyList<AppendOutcome> Outcomes)? written = null;
        try { written = await flight; }
        catch
        {
            _streams.Clear(); // whether the chunk landed is unknown: read the streams again if asked
            throw;
        }
        return Landed(written.Value.Appends, written.Value.Outcomes);
    }

    /// <summary>The pending events of every stream as appends at the versions the store holds before them;
    /// from here they are no longer pending.</summary>
    private List<StreamAppend>? TakePending()
    {
        var pending = _streams.Values.Where(s => s.Pending.Count > 0).ToList();
        if (pending.Count == 0) return null;
        var appends = pending.Select(s => new StreamAppend(s.StreamId, s.StoredVersion, s.Pending.ToList())).ToList();
        foreach (var s in pending)
        {
            s.StoredVersion += s.Pending.Count;
            s.Pending.Clear();
        }
        PendingEvents = 0;
        return appends;
    }

    private int Landed(List<StreamAppend> appends, IReadOnlyList<AppendOutcome> outcomes)
    {
        var failed = outcomes.Select((o, i) => (o, a: appends[i])).FirstOrDefault(x => x.o.Error is not null);
        if (failed.o is not null)
        {
            _streams.Clear(); // what we believed about the streams is no longer true
            throw new ImportConflictException($"{failed.a.StreamId} changed while importing; run the import again (it is idempotent)", failed.o.Error!);
        }
        return appends.Sum(a => a.Events.Count);
    }

    /// <summary>Forgets what was decided since the last flush (for --all-or-nothing refusals and errors).</summary>
    public void Discard()
    {
        foreach (var id in _streams.Where(s => s.Value.Pending.Count > 0).Select(s => s.Key).ToList()) _streams.Remove(id);
        PendingEvents = 0;
    }

    private async Task<ImportStep> ExecuteAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string id, string commandId,
        TCommand command) where TEvent : class where TState : class
    {
        var streamId = kind.StreamFor(id);
        var stream = await CachedAsync(kind, streamId);
        var fold = (StreamFold<TState>)stream.Fold!;
        var now = _clock.GetUtcNow();
        var step = _handler.Decide(kind, streamId, fold, command, new CommandMetadata(recordedBy, correlationId, commandId), now);
        switch (step)
        {
            case CommandStep<TEvent>.Duplicate: return new ImportStep(ImportStatus.Duplicate, 0);
            case CommandStep<TEvent>.Refused refused: return new ImportStep(ImportStatus.Refused, 0, refused.Error);
        }
        var decided = (CommandStep<TEvent>.Append)step;
        foreach (var e in decided.Events)
            fold = CommandHandler.Evolve(kind, fold, e, new EventContext(fold.Version + 1, 0, now, recordedBy), commandId);
        // A command that decided nothing is still remembered: its repeat is a duplicate.
        stream.Fold = fold with { Commands = fold.Commands.Add(commandId) };
        stream.Pending.AddRange(decided.Stored.Events);
        PendingEvents += decided.Events.Count;
        return new ImportStep(ImportStatus.Applied, decided.Events.Count);
    }

    /// <summary>Reads, in one query, every listed stream this session has not seen yet; each is folded by its kind
    /// when first used.</summary>
    public async Task PrefetchAsync(IEnumerable<string> streamIds, CancellationToken ct = default)
    {
        var missing = streamIds.Where(id => !_streams.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0) return;
        var events = await store.ReadStreamsAsync(missing, ct);
        foreach (var id in missing) _streams[id] = new StreamCache(id, events[id].ToList());
    }

    private async Task<StreamFold<TState>> LoadAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string streamId)
        where TEvent : class where TState : class => (StreamFold<TState>)(await CachedAsync(kind, streamId)).Fold!;

    private async Task<StreamCache> CachedAsync<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> kind, string streamId)
        where TEvent : class where TState : class
    {
        if (!_streams.TryGetValue(streamId, out var stream))
            _streams[streamId] = stream = new StreamCache(streamId, await store.ReadStreamAsync(streamId));
        if (stream.Fold is null)
        {
            var fold = _handler.FoldIn(kind, StreamFold<TState>.Empty(kind.InitialState), stream.Stored!);
            stream.Fold = fold;
            stream.StoredVersion = fold.Version;
            stream.Stored = null;
        }
        return stream;
    }

    /// <summary>A stream as this import sees it: read (and folded on first use), with the events decided since the
    /// last flush.</summary>
    private sealed class StreamCache(string streamId, IReadOnlyList<RecordedEvent> stored)
    {
        public string StreamId { get; } = streamId;
        public IReadOnlyList<RecordedEvent>? Stored { get; set; } = stored;
        /// <summary>A StreamFold of the kind's state, once folded.</summary>
        public object? Fold { get; set; }
        /// <summary>The version the store holds (or will, once the in-flight flush lands).</summary>
        public long StoredVersion { get; set; }
        public List<EventData> Pending { get; } = [];
    }
}
