using Ledger.EventStore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ledger.Projections;

public sealed record ProjectionOptions
{
    public int BatchSize { get; init; } = 1000;
    /// <summary>How long an idle runner waits for a notification before it looks anyway.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>How often a process that is not the leader tries to become it.</summary>
    public TimeSpan ElectionInterval { get; init; } = TimeSpan.FromSeconds(2);
}

public sealed record RebuildProgress(string Projection, long Position, long Head);

/// <summary>
/// Runs projections once across all processes that share the database: each projection is led by the
/// process holding its session advisory lock (released by PostgreSQL when that process dies, so another
/// takes over). Batches and checkpoints are written in one transaction, under a lock on the checkpoint row.
/// </summary>
public sealed class ProjectionRunner : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly MartenEventStore _store;
    private readonly IReadOnlyList<IProjection> _projections;
    private readonly ProjectionOptions _options;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly HashSet<string> _leading = [];

    public ProjectionRunner(MartenEventStore store, IReadOnlyList<IProjection> projections, ProjectionOptions? options = null, ILogger? log = null)
    {
        _store = store;
        _db = store.DataSource;
        _projections = projections;
        _options = options ?? new ProjectionOptions();
        _log = log ?? NullLogger.Instance;
    }

    public IReadOnlyList<IProjection> Projections => _projections;

    /// <summary>Names of the projections this process currently leads.</summary>
    public IReadOnlyCollection<string> Leading { get { lock (_leading) return _leading.ToList(); } }

    public void Start()
    {
        foreach (var p in _projections) _loops.Add(Task.Run(() => LeadAsync(p, _stop.Token)));
        _lagMetric = Telemetry.LedgerMetrics.TrackLag(MeasureLag);
    }

    private IDisposable? _lagMetric;

    // Observable instruments are read synchronously at scrape time; one small query per scrape.
    private IEnumerable<System.Diagnostics.Metrics.Measurement<long>> MeasureLag()
    {
        Dictionary<string, long> checkpoints;
        long head;
        try
        {
            head = _store.HeadPositionAsync().GetAwaiter().GetResult();
            checkpoints = CheckpointsAsync().GetAwaiter().GetResult().ToDictionary();
        }
        catch (NpgsqlException) { yield break; }
        foreach (var (name, position) in checkpoints)
            yield return new(head - position, new KeyValuePair<string, object?>("projection", name));
    }

    /// <summary>Applies batches until the projection has seen the head; returns how many events it read.</summary>
    public async Task<long> CatchUpAsync(IProjection projection, IProgress<RebuildProgress>? progress = null, CancellationToken ct = default)
    {
        long total = 0;
        while (true)
        {
            var read = await ApplyNextBatchAsync(projection, ct);
            if (read == 0) return total;
            total += read;
            if (progress is not null)
            {
                var report = new RebuildProgress(projection.Name, (await CheckpointsAsync(ct)).GetValueOrDefault(projection.Name), await _store.HeadPositionAsync(ct));
                Telemetry.LedgerMetrics.RebuildProgress(report.Projection, report.Position, report.Head);
                progress.Report(report);
            }
        }
    }

    /// <summary>Empties the projection's tables and sets its checkpoint to zero in one transaction, then
    /// catches up, here if no other process leads it, or by waiting for the leader.</summary>
    public async Task RebuildAsync(IProjection projection, IProgress<RebuildProgress>? progress = null, CancellationToken ct = default)
    {
        await using (var conn = await _db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await LockCheckpointAsync(conn, tx, projection, ct);
            await using (var truncate = new NpgsqlCommand($"TRUNCATE {string.Join(", ", projection.Tables)}", conn, tx))
                await truncate.ExecuteNonQueryAsync(ct);
            await AdvanceAsync(conn, tx, projection, 0, ct);
            await tx.CommitAsync(ct);
        }
        _log.LogInformation("projection {Projection} reset for rebuild", projection.Name);

        await using var leader = await TryLeadAsync(projection, ct);
        if (leader is not null)
        {
            await CatchUpAsync(projection, progress ?? new Progress<RebuildProgress>(), ct); // a progress also feeds the rebuild metric
            // After a bulk load the planner's statistics are stale until autovacuum comes by: refresh them now.
            await using var analyze = _db.CreateCommand($"ANALYZE {string.Join(", ", projection.Tables)}");
            await analyze.ExecuteNonQueryAsync(ct);
            return;
        }
        // Another process leads it: it sees the reset checkpoint and rebuilds; report its progress.
        while (true)
        {
            var position = (await CheckpointsAsync(ct)).GetValueOrDefault(projection.Name);
            var head = await _store.HeadPositionAsync(ct);
            progress?.Report(new RebuildProgress(projection.Name, position, head));
            if (position >= head) return;
            await Task.Delay(200, ct);
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> CheckpointsAsync(CancellationToken ct = default)
    {
        var result = _projections.ToDictionary(p => p.Name, _ => 0L);
        await using var cmd = _db.CreateCommand(SqlText.Get("checkpoints.sql"));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            if (result.ContainsKey(r.GetString(0))) result[r.GetString(0)] = r.GetInt64(1);
        return result;
    }

    /// <summary>Positions the slowest projection is behind the head of the log.</summary>
    public async Task<long> LagAsync(CancellationToken ct = default)
    {
        var head = await _store.HeadPositionAsync(ct);
        var checkpoints = await CheckpointsAsync(ct);
        return checkpoints.Count == 0 ? 0 : head - checkpoints.Values.Min();
    }

    /// <summary>Waits until every projection has applied the given position (read-your-writes).</summary>
    public async Task<bool> WaitForAsync(long position, TimeSpan timeout, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if ((await CheckpointsAsync(ct)).Values.All(p => p >= position)) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(20, ct);
        }
    }

    private async Task LeadAsync(IProjection projection, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var leader = await TryLeadAsync(projection, ct);
                if (leader is null)
                {
                    await Task.Delay(_options.ElectionInterval, ct);
                    continue;
                }
                lock (_leading) _leading.Add(projection.Name);
                _log.LogInformation("leading projection {Projection}", projection.Name);
                await using (var listen = new NpgsqlCommand("LISTEN ledger_events", leader)) await listen.ExecuteNonQueryAsync(ct);
                while (!ct.IsCancellationRequested)
                {
                    if (await ApplyNextBatchAsync(projection, ct) > 0) continue;
                    // Idle: a commit's notification, or the poll interval, wakes us. The wait also notices a
                    // dead lock connection, and with it the loss of leadership.
                    await leader.WaitAsync(_options.PollInterval, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                _log.LogWarning(ex, "projection {Projection} stopped; electing again", projection.Name);
                await Task.Delay(_options.ElectionInterval, CancellationToken.None);
            }
            finally
            {
                lock (_leading) _leading.Remove(projection.Name);
            }
        }
    }

    /// <summary>A dedicated connection holding the projection's session lock, or null if another process holds it.
    /// Session locks do not survive PgBouncer's transaction pooling: connect directly to PostgreSQL.</summary>
    private async Task<NpgsqlConnection?> TryLeadAsync(IProjection projection, CancellationToken ct)
    {
        var conn = await _db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = LockKey(projection) });
        if ((bool)(await cmd.ExecuteScalarAsync(ct))!) return conn;
        await conn.DisposeAsync();
        return null;
    }

    private async Task<int> ApplyNextBatchAsync(IProjection projection, CancellationToken ct)
    {
        var from = (await CheckpointsAsync(ct)).GetValueOrDefault(projection.Name);
        var events = await _store.ReadAllAsync(from, _options.BatchSize, ct);
        if (events.Count == 0) return 0;

        await using var conn = await _db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await LockCheckpointAsync(conn, tx, projection, ct) != from)
            return 1; // another runner or a rebuild moved the checkpoint: read again from where it is
        await projection.ApplyAsync(conn, tx, events, ct);
        await AdvanceAsync(conn, tx, projection, events[^1].Position, ct);
        await tx.CommitAsync(ct);
        Telemetry.LedgerMetrics.ProjectedEvents.Add(events.Count, new KeyValuePair<string, object?>("projection", projection.Name));
        return events.Count;
    }

    private static async Task<long> LockCheckpointAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IProjection projection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SqlText.Get("checkpoint_for_update.sql"), conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task AdvanceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IProjection projection, long position, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SqlText.Get("checkpoint_advance.sql"), conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
        cmd.Parameters.Add(new NpgsqlParameter { Value = position });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static long LockKey(IProjection projection) =>
        0x4C45_4447_0000_0000L | (uint)StableHash(projection.Name); // "LEDG" + the projection

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s) h = unchecked(h * 31 + c);
        return h;
    }

    public async ValueTask DisposeAsync()
    {
        _lagMetric?.Dispose();
        await _stop.CancelAsync();
        try { await Task.WhenAll(_loops); } catch (OperationCanceledException) { }
    }
}
