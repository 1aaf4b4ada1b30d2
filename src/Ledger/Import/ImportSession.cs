using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Regions;
using Ledger.Serialization;
using Ledger.Sources;

namespace Ledger.Import;

/// <summary>What became of one imported command.</summary>
public enum ImportStatus { Applied, Duplicate, Refused }

public sealed record ImportStep(ImportStatus Status, int Events, DomainError? Error = null);

/// <summary>Another writer appended to a stream the import was writing: nothing of the chunk was stored.</summary>
public sealed class ImportConflictException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Bulk writes without one transaction per event: commands are decided by the same pure deciders the grains
/// use, against stream states cached here, and their events are written for many streams in one transaction
/// per <see cref="FlushAsync"/>. A command id seen in a stream before appends nothing, and event ids follow from
/// command ids exactly as the grains make them, so an import can be run again, or resumed after a crash.
/// </summary>
public sealed class ImportSession(MartenEventStore store, string recordedBy, TimeProvider? clock = null, EventTypes? types = null,
    string correlationId = "import")
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly EventTypes _types = types ?? EventTypes.Ledger;
    private readonly Dictionary<string, StreamCache> _streams = new(StringComparer.Ordinal);

    public int PendingEvents { get; private set; }

    public Task<ImportStep> IncidentAsync(string commandId, IncidentCommand command, string incidentId) =>
        ExecuteAsync<IncidentState, IIncidentEvent>(IncidentGrain.StreamFor(incidentId), commandId, (s, now) => IncidentDecider.Decide(command, s, now));

    public Task<ImportStep> RegionAsync(string commandId, RegionCommand command, string regionId) =>
        ExecuteAsync<RegionState, IRegionEvent>(RegionGrain.StreamFor(regionId), commandId, (s, now) => RegionDecider.Decide(command, s, now));

    public Task<ImportStep> SourceAsync(string commandId, RegisterSource command) =>
        ExecuteAsync<SourceState, ISourceEvent>(SourceGrain.StreamFor(command.SourceId), commandId, (s, _) => SourceDecider.Decide(command, s));

    /// <summary>A stream's state as this import sees it, pending events included.</summary>
    public async Task<TState> StateAsync<TState>(string streamId) where TState : class => (TState)(await LoadAsync(streamId)).State;

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
        (appends, await store.AppendManyAsync(appends, ct));

    private Task<int> LandAsync()
    {
        if (_inFlight is not { } flight) return Task.FromResult(0);
        _inFlight = null;
        InFlightEvents = 0;
        return LandAsync(flight);
    }

    private async Task<int> LandAsync(Task<(List<StreamAppend> Appends, IReadOnlyList<AppendOutcome> Outcomes)> flight)
    {
        (List<StreamAppend> Appends, IReadOnlyList<AppendOutcome> Outcomes) written;
        try { written = await flight; }
        catch
        {
            _streams.Clear(); // whether the chunk landed is unknown: read the streams again if asked
            throw;
        }
        return Landed(written.Appends, written.Outcomes);
    }

    /// <summary>The pending events of every stream as appends at the versions the store holds before them;
    /// from here they are no longer pending.</summary>
    private List<StreamAppend>? TakePending()
    {
        var pending = _streams.Values.Where(s => s.Pending.Count > 0).ToList();
        if (pending.Count == 0) return null;
        var appends = pending.Select(s => new StreamAppend(s.StreamId, s.Version - s.Pending.Count, s.Pending.ToList())).ToList();
        foreach (var s in pending) s.Pending.Clear();
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

    private async Task<ImportStep> ExecuteAsync<TState, TEvent>(string streamId, string commandId, Func<TState, DateTimeOffset, Decision<TEvent>> decide)
        where TState : class where TEvent : class
    {
        var stream = await LoadAsync(streamId);
        if (stream.Commands.Contains(commandId)) return new ImportStep(ImportStatus.Duplicate, 0);
        var now = _clock.GetUtcNow();
        var decision = decide((TState)stream.State, now);
        if (decision.Error is not null) return new ImportStep(ImportStatus.Refused, 0, decision.Error);
        for (var i = 0; i < decision.Events.Count; i++)
        {
            var e = decision.Events[i];
            stream.Version++;
            stream.State = ApplyOf(stream.State, e, new EventContext(stream.Version, 0, now, recordedBy));
            stream.Pending.Add(new EventData(DeterministicGuid.ForEvent(streamId, commandId, i), _types.NameOf(e), _types.Serialize(e),
                new EventMetadata(recordedBy, correlationId, commandId)));
        }
        stream.Commands.Add(commandId);
        PendingEvents += decision.Events.Count;
        return new ImportStep(ImportStatus.Applied, decision.Events.Count);
    }

    /// <summary>Loads, in one query, every listed stream this session has not seen yet.</summary>
    public async Task PrefetchAsync(IEnumerable<string> streamIds, CancellationToken ct = default)
    {
        var missing = streamIds.Where(id => !_streams.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0) return;
        var events = await store.ReadStreamsAsync(missing, ct);
        foreach (var id in missing) _streams[id] = Fold(id, events[id]);
    }

    private async Task<StreamCache> LoadAsync(string streamId)
    {
        if (_streams.TryGetValue(streamId, out var cached)) return cached;
        return _streams[streamId] = Fold(streamId, await store.ReadStreamAsync(streamId));
    }

    private StreamCache Fold(string streamId, IEnumerable<RecordedEvent> events)
    {
        var stream = new StreamCache(streamId, InitialOf(streamId));
        foreach (var e in events)
        {
            stream.State = ApplyOf(stream.State, _types.Deserialize(e.Type, e.Data), e.Context);
            stream.Version = e.Version;
            if (e.CausationId is not null) stream.Commands.Add(e.CausationId);
        }
        return stream;
    }

    private static object InitialOf(string streamId) =>
        streamId.StartsWith("incident-", StringComparison.Ordinal) ? IncidentState.Initial
        : streamId.StartsWith("region-", StringComparison.Ordinal) ? RegionState.Initial
        : streamId.StartsWith("source-", StringComparison.Ordinal) ? SourceState.Initial
        : throw new ArgumentException($"{streamId} is not a ledger stream", nameof(streamId));

    private static object ApplyOf(object state, object e, EventContext ctx) => state switch
    {
        IncidentState s => s.Apply((IIncidentEvent)e, ctx),
        RegionState s => s.Apply((IRegionEvent)e, ctx),
        SourceState s => s.Apply((ISourceEvent)e, ctx),
        _ => throw new ArgumentException(state.GetType().Name),
    };

    private sealed class StreamCache(string streamId, object state)
    {
        public string StreamId { get; } = streamId;
        public object State { get; set; } = state;
        public long Version { get; set; }
        public HashSet<string> Commands { get; } = new(StringComparer.Ordinal);
        public List<EventData> Pending { get; } = [];
    }
}
