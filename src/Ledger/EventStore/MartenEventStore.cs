using Npgsql;

namespace Ledger.EventStore;

public sealed record EventStoreOptions
{
    /// <summary>Batch appends that arrive together into one transaction.</summary>
    public bool GroupCommit { get; init; } = true;
    /// <summary>The most events one group transaction carries.</summary>
    public int MaxBatchEvents { get; init; } = 2000;
    /// <summary>How many group transactions may be in flight at once (ops/bench measures 1, 2 and 4).</summary>
    public int MaxInFlight { get; init; } = 1;
}

/// <summary>
/// The ledger's event store on Marten's tables (<see cref="MartenEvents"/>): appends go through
/// <see cref="AppendTransaction"/>, many streams per transaction, reads through the <c>ledger.events</c> view and
/// the feed through <see cref="EventFeed"/>. See 001_event_store.sql for what the database guarantees.
/// </summary>
public sealed class MartenEventStore : IEventStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly GroupCommit? _group;

    public MartenEventStore(NpgsqlDataSource db, EventStoreOptions? options = null)
    {
        options ??= new EventStoreOptions();
        _db = db;
        if (options.GroupCommit) _group = new GroupCommit(AppendManyAsync, options.MaxBatchEvents, options.MaxInFlight);
    }

    public NpgsqlDataSource DataSource => _db;

    /// <summary>Mean number of stream appends per group transaction so far (1 without group commit).</summary>
    public double MeanBatchSize => _group is { Batches: > 0 } g ? (double)g.Appends / g.Batches : 1;

    public static async Task<MartenEventStore> OpenAsync(NpgsqlDataSource db, EventStoreOptions? options = null, CancellationToken ct = default)
    {
        await SchemaMigrator.MigrateAsync(db, ct);
        return new MartenEventStore(db, options);
    }

    public async Task<AppendResult> AppendAsync(StreamAppend append, CancellationToken ct = default)
    {
        if (_group is not null) return await _group.AppendAsync(append);
        var outcome = (await AppendManyAsync([append], ct))[0];
        return outcome.Result ?? throw outcome.Error!;
    }

    /// <summary>Many streams in one transaction, each all or nothing: the import path and group commit.</summary>
    public Task<AppendOutcome[]> AppendManyAsync(IReadOnlyList<StreamAppend> appends, CancellationToken ct = default) =>
        AppendTransaction.RunAsync(_db, appends, ct);

    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(SqlText.Get("read_stream.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = fromVersion });
        return await ReadEventsAsync(cmd, ct);
    }

    /// <summary>Several streams in one query, each in version order.</summary>
    public async Task<ILookup<string, RecordedEvent>> ReadStreamsAsync(IReadOnlyCollection<string> streamIds, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(SqlText.Get("read_streams.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = streamIds.ToArray() });
        return (await ReadEventsAsync(cmd, ct)).ToLookup(e => e.StreamId, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken ct = default) =>
        (await EventFeed.ReadAsync(_db, afterPosition, limit, ct)).Events;

    public Task<long> HeadPositionAsync(CancellationToken ct = default) => EventFeed.HeadAsync(_db, ct);

    public Task<VerifyReport> VerifyAsync(CancellationToken ct = default) => ChainVerifier.VerifyAsync(_db, ct);

    private static async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var events = new List<RecordedEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) events.Add(ReadEvent(reader));
        return events;
    }

    /// <summary>Reads the columns position, event_id, stream_id, version, type, data, recorded_at,
    /// recorded_by, correlation_id, causation_id, hash, in that order.</summary>
    internal static RecordedEvent ReadEvent(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5),
        r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? "" : r.GetString(7),
        r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? [] : r.GetFieldValue<byte[]>(10));

    public async ValueTask DisposeAsync()
    {
        if (_group is not null) await _group.DisposeAsync();
    }
}
