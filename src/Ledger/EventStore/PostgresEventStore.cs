using Npgsql;

namespace Ledger.EventStore;

public sealed record EventStoreOptions
{
    /// <summary>Batch appends that arrive together into one transaction.</summary>
    public bool GroupCommit { get; init; } = true;
    /// <summary>The most events one group transaction carries.</summary>
    public int MaxBatchEvents { get; init; } = 2000;
}

/// <summary>The event store on PostgreSQL: see 001_event_store.sql for the tables and their guarantees.</summary>
public sealed class PostgresEventStore : IEventStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly GroupCommit? _group;

    public PostgresEventStore(NpgsqlDataSource db, EventStoreOptions? options = null)
    {
        options ??= new EventStoreOptions();
        _db = db;
        if (options.GroupCommit) _group = new GroupCommit(AppendManyAsync, options.MaxBatchEvents);
    }

    public NpgsqlDataSource DataSource => _db;

    /// <summary>Mean number of stream appends per group transaction so far (1 without group commit).</summary>
    public double MeanBatchSize => _group is { Batches: > 0 } g ? (double)g.Appends / g.Batches : 1;

    public static async Task<PostgresEventStore> OpenAsync(NpgsqlDataSource db, EventStoreOptions? options = null, CancellationToken ct = default)
    {
        await SchemaMigrator.MigrateAsync(db, ct);
        return new PostgresEventStore(db, options);
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

    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(SqlText.Get("read_all.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = afterPosition });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadEventsAsync(cmd, ct);
    }

    public async Task<long> HeadPositionAsync(CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(SqlText.Get("head_position.sql"));
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

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
        r.GetFieldValue<DateTimeOffset>(6), r.GetString(7),
        r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetFieldValue<byte[]>(10));

    public async ValueTask DisposeAsync()
    {
        if (_group is not null) await _group.DisposeAsync();
    }
}
