using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Ledger.EventStore;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ledger.Projections;

public sealed record ProjectionOptions
{
    /// <summary>Events per page the daemon projects and commits at once.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>HotCold on every server (one node projects, another takes over); Solo where one process is certain.</summary>
    public DaemonMode Mode { get; init; } = DaemonMode.HotCold;

    /// <summary>How often a node that does not project tries to take the daemon's lock.</summary>
    public TimeSpan LeadershipPolling { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an idle daemon waits for a commit's notification before it looks for new events anyway.</summary>
    public TimeSpan IdlePolling { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The database for the daemon's own connections (its election lock among them). Given, PostgreSQL checks
    /// each second that their client is still connected (a killed node's lock goes at once), they send a keepalive
    /// query every quarter of <see cref="PausedNodeBound"/>, and PostgreSQL ends any of them idle longer than the
    /// bound: a node that stops without closing its connections (SIGSTOP, a hung VM; the kernel still answers TCP
    /// keepalives for a stopped process) loses the lock once its lock connection's current 60 s sleep ends, plus the
    /// bound.</summary>
    public string? ConnectionString { get; init; }

    public TimeSpan PausedNodeBound { get; init; } = TimeSpan.FromSeconds(10);
}

public sealed record RebuildProgress(string Projection, long Position, long Head);

/// <summary>
/// The ledger's read models on Marten's async daemon. Marten elects the node that projects (HotCold: an advisory
/// lock per database, released by PostgreSQL when that node's connection ends), pages events up to its high-water
/// mark (held below a gap while a transaction that could fill it is open), and commits each page's writes with
/// the shard's progress in <c>ledger.mt_event_progression</c>. This class starts it, reads that progress for
/// read-your-writes, readiness and metrics, and rebuilds through the daemon.
/// </summary>
public sealed class ReadModelDaemon : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly MartenEventStore _events;
    private readonly ILoggerFactory _logs;
    private ProjectionCoordinator? _coordinator;
    private IDisposable? _lagMetric;

    public ReadModelDaemon(MartenEventStore events, IReadOnlyList<ITableProjection> projections, ProjectionOptions? options = null,
        ILoggerFactory? logs = null)
    {
        _events = events;
        _db = events.DataSource;
        _logs = logs ?? NullLoggerFactory.Instance;
        Projections = projections;
        var o = options ?? new ProjectionOptions();
        _daemonDb = o.ConnectionString is { } cs ? NpgsqlDataSource.Create(Bounded(cs, o.PausedNodeBound)) : null;
        var opts = MartenEvents.Options(_daemonDb ?? _db, Serialization.EventTypes.Ledger);
        opts.Projections.AsyncMode = o.Mode;
        opts.Projections.LeadershipPollingTime = (int)o.LeadershipPolling.TotalMilliseconds;
        opts.Projections.SlowPollingTime = o.IdlePolling;
        // Events of a type the ledger does not know (written by another tool) feed no read model: skipped, not a stop.
        // An event of a known type that cannot be read or applied stops its shard: never a silently wrong table.
        opts.Projections.Errors.SkipUnknownEvents = true;
        opts.Projections.RebuildErrors.SkipUnknownEvents = true;
        // Every append NOTIFYs ledger_events at commit (notify.sql): it wakes the high-water agent at once instead of
        // at its next poll.
        opts.Projections.Wakeup = new Marten.Events.Daemon.HighWater.PostgresqlListenWakeup(_db, _logs.CreateLogger<ReadModelDaemon>(), "ledger_events");
        foreach (var p in projections)
            opts.Projections.Add(new DaemonProjection(p, _db), ProjectionLifecycle.Async, p.Name, async =>
            {
                async.BatchSize = o.BatchSize;
                // Marten empties these (DELETE) after it has stopped the projection's agent; RebuildAsync truncates first.
                foreach (var table in p.Tables) async.DeleteDataInTableOnTeardown(table);
            });
        Store = new DocumentStore(opts);
    }

    public IReadOnlyList<ITableProjection> Projections { get; }

    private readonly NpgsqlDataSource? _daemonDb;

    private static string Bounded(string connectionString, TimeSpan bound)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString)
        {
            KeepAlive = Math.Max(1, (int)(bound.TotalSeconds / 4)),
            // Pooled connections are closed by Npgsql before the server would end them.
            ConnectionIdleLifetime = Math.Max(2, (int)(bound.TotalSeconds / 2)),
            ConnectionPruningInterval = Math.Max(1, (int)(bound.TotalSeconds / 5)),
            ApplicationName = (new NpgsqlConnectionStringBuilder(connectionString).ApplicationName is { Length: > 0 } name ? name : "ledger") + " daemon",
        };
        // The election's lock connection sits in a long pg_sleep (the lock library's connection monitor, 60 s here):
        // PostgreSQL notices a closed socket during it only with a connection check, and a paused client only once
        // the sleep ends and the session is left idle.
        b.Options = $"{b.Options} -c idle_session_timeout={(int)bound.TotalMilliseconds} -c client_connection_check_interval=1000".Trim();
        return b.ConnectionString;
    }

    /// <summary>Marten's store with the projections registered (its daemon's, not the writers').</summary>
    public DocumentStore Store { get; }

    /// <summary>Joins the election: this node projects while it holds the daemon's lock.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        _coordinator = new ProjectionCoordinator(Store, _logs.CreateLogger<ProjectionCoordinator>());
        await _coordinator.StartAsync(ct);
        _lagMetric = Telemetry.LedgerMetrics.TrackLag(MeasureLag);
    }

    /// <summary>Names of the projections this node runs now.</summary>
    public IReadOnlyCollection<string> Leading =>
        _coordinator is null ? [] : _coordinator.DaemonForMainDatabase().CurrentAgents()
            .Where(a => a.Status == JasperFx.AgentStatus.Running).Select(a => a.Name.Name).Distinct().ToList();

    /// <summary>Projects every event up to the high-water mark, in this process, and returns; when this node is in the
    /// election, waits for whichever node projects instead.</summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        if (_coordinator is not null || await ProjectingElsewhereAsync(ct))
        {
            await WaitForAsync(await _events.HeadPositionAsync(ct), TimeSpan.FromMinutes(10), ct);
            return;
        }
        // Marten's own CatchUpAsync (a test helper) ignores the error settings: run the daemon as a server would, alone,
        // until its progress reaches the head.
        using var daemon = await Store.BuildProjectionDaemonAsync(null, _logs.CreateLogger<ReadModelDaemon>());
        await daemon.StartAllAsync();
        try
        {
            var head = await _events.HeadPositionAsync(ct);
            if (!await WaitForAsync(head, TimeSpan.FromMinutes(30), ct))
                throw new TimeoutException($"the read models did not reach position {head}");
        }
        finally
        {
            await daemon.StopAllAsync();
        }
    }

    /// <summary>Who holds the election's lock for <paramref name="name"/>: the application name and address of its connection.</summary>
    private async Task<string> LockHolderAsync(string name, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand(SqlText.Get("daemon_lock_holder.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = LockIds(name) });
        return await cmd.ExecuteScalarAsync(ct) as string ?? "another node";
    }

    /// <summary>A node of the election holds the lock of a projection (of <paramref name="name"/>, or of any): a server
    /// runs it.</summary>
    private async Task<bool> ProjectingElsewhereAsync(CancellationToken ct, string? name = null)
    {
        await using var cmd = _db.CreateCommand(SqlText.Get("daemon_lock_held.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = LockIds(name) });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The advisory lock ids Marten's HotCold election takes: one per shard, from its schema, the shard's
    /// identity and the base DaemonLockId.</summary>
    private long[] LockIds(string? name) =>
        Store.Options.Projections.AllShards().Where(s => name is null || s.Name.Name == name)
            .Select(s => (long)ProjectionLockIds.Compute(Store.Options.Events.DatabaseSchemaName, s.Name, Store.Options.Projections.DaemonLockId))
            .ToArray();

    /// <summary>Empties the projection's tables and has Marten's daemon replay the log into them (it stops the
    /// projection's agent, tears down, replays to the high-water mark, and the election restarts the agent).</summary>
    public async Task RebuildAsync(ITableProjection projection, IProgress<RebuildProgress>? progress = null, CancellationToken ct = default)
    {
        var name = projection.Name;
        // Marten rebuilds with the daemon of the node that asks; the node that projects would go on beside it, its
        // pages refused by the progress check. The rebuild belongs where the projection runs.
        if (!Leading.Contains(name) && await ProjectingElsewhereAsync(ct, name))
            throw new ProjectingElsewhereException(await LockHolderAsync(name, ct));
        // TRUNCATE is instant where Marten's teardown DELETEs row by row; whatever the live agent commits in between,
        // the teardown removes.
        await using (var truncate = _db.CreateCommand($"TRUNCATE {string.Join(", ", projection.Tables)}"))
            await truncate.ExecuteNonQueryAsync(ct);
        var daemon = _coordinator?.DaemonForMainDatabase();
        var wasProjecting = Leading.Contains(name);
        var head = await _events.HeadPositionAsync(ct);
        using var own = daemon is null ? await Store.BuildProjectionDaemonAsync(null, _logs.CreateLogger<ReadModelDaemon>()) : null;
        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reporter = ReportAsync(name, progress, reporting.Token);
        try
        {
            await (daemon ?? own!).RebuildProjectionAsync(name, TimeSpan.FromHours(6), ct);
        }
        finally
        {
            await reporting.CancelAsync();
            await reporter;
        }
        // Marten's rebuild leaves the projection's agent stopped (restarting is the caller's part): where this node
        // projected, it projects again from the rebuilt position.
        // Marten replays to its high-water mark of the moment, which a gap not yet judged can hold below the head: the
        // rebuild is done when the projection has reached the head it started from, whichever agent gets it there.
        var shards = Store.Options.Projections.AllShards().Where(s => s.Name.Name == name).ToList();
        if (daemon is not null && wasProjecting)
            foreach (var shard in shards) await daemon.StartAgentAsync(shard.Name, ct);
        if (own is not null && (await CheckpointsAsync(ct)).GetValueOrDefault(name) < head)
            foreach (var shard in shards) await own.StartAgentAsync(shard.Name, ct);
        if (!await WaitForAsync(name, head, TimeSpan.FromMinutes(30), ct))
            throw new TimeoutException($"the rebuilt projection {name} did not reach position {head}");
        if (own is not null) await own.StopAllAsync();
        var done = new RebuildProgress(name, (await CheckpointsAsync(ct)).GetValueOrDefault(name), await _events.HeadPositionAsync(ct));
        Telemetry.LedgerMetrics.RebuildProgress(done.Projection, done.Position, done.Head);
        progress?.Report(done);
        // After a bulk load the planner's statistics are stale until autovacuum comes by: refresh them now.
        await using var analyze = _db.CreateCommand($"ANALYZE {string.Join(", ", projection.Tables)}");
        await analyze.ExecuteNonQueryAsync(ct);
    }

    private async Task ReportAsync(string name, IProgress<RebuildProgress>? progress, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(500, ct);
                var report = new RebuildProgress(name, (await CheckpointsAsync(ct)).GetValueOrDefault(name), await _events.HeadPositionAsync(ct));
                Telemetry.LedgerMetrics.RebuildProgress(report.Projection, report.Position, report.Head);
                progress?.Report(report);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The last position each projection has committed (0 before its first page).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CheckpointsAsync(CancellationToken ct = default)
    {
        var result = Projections.ToDictionary(p => p.Name, _ => 0L);
        await using var cmd = _db.CreateCommand(SqlText.Get("progress.sql"));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var shard = r.GetString(0);
            var name = shard.Split(':')[0];
            if (result.ContainsKey(name)) result[name] = Math.Max(result[name], r.GetInt64(1));
        }
        return result;
    }

    /// <summary>Positions the slowest projection is behind the head of the log.</summary>
    public async Task<long> LagAsync(CancellationToken ct = default)
    {
        var head = await _events.HeadPositionAsync(ct);
        var checkpoints = await CheckpointsAsync(ct);
        return checkpoints.Count == 0 ? 0 : Math.Max(0, head - checkpoints.Values.Min());
    }

    /// <summary>Waits until every projection has committed the given position (read-your-writes).</summary>
    public Task<bool> WaitForAsync(long position, TimeSpan timeout, CancellationToken ct = default) => WaitForAsync(null, position, timeout, ct);

    private async Task<bool> WaitForAsync(string? name, long position, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if ((await CheckpointsAsync(ct)).Where(c => name is null || c.Key == name).All(c => c.Value >= position)) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(20, ct);
        }
    }

    // Observable instruments are read synchronously at scrape time; one small query per scrape.
    private IEnumerable<System.Diagnostics.Metrics.Measurement<long>> MeasureLag()
    {
        Dictionary<string, long> checkpoints;
        long head;
        try
        {
            head = _events.HeadPositionAsync().GetAwaiter().GetResult();
            checkpoints = CheckpointsAsync().GetAwaiter().GetResult().ToDictionary();
        }
        catch (NpgsqlException) { yield break; }
        foreach (var (name, position) in checkpoints)
            yield return new(Math.Max(0, head - position), new KeyValuePair<string, object?>("projection", name));
    }

    public async ValueTask DisposeAsync()
    {
        _lagMetric?.Dispose();
        if (_coordinator is not null)
        {
            await _coordinator.StopAsync(CancellationToken.None);
            await _coordinator.DisposeAsync();
        }
        Store.Dispose();
        if (_daemonDb is not null) await _daemonDb.DisposeAsync();
    }
}

/// <summary>Another node runs the projections: a rebuild has to go to that node (or run with every server stopped).</summary>
public sealed class ProjectingElsewhereException(string holder)
    : Exception($"the projections run on {holder}: rebuild there, or stop every server and run ledger rebuild")
{
    public string Holder { get; } = holder;
}
