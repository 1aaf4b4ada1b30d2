using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Ledger.EventStore;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ledger.Projections;

/// <summary>
/// The ledger's read models on Marten's async daemon. Marten elects the node that projects (HotCold: a session advisory
/// lock per shard, released by PostgreSQL when that node's connection ends), pages events up to its high-water
/// mark (held below a gap while a transaction that could fill it is open), and commits each page's writes with
/// the shard's progress in <c>ledger.mt_event_progression</c>. This class starts it, reads that progress for
/// read-your-writes, readiness and metrics, and rebuilds through the daemon.
/// </summary>
public sealed partial class ReadModelDaemon : IAsyncDisposable
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
        if (o.ConnectionString is { } cs)
        {
            var daemon = Bounded(cs, o.PausedNodeBound);
            _ownName = new NpgsqlConnectionStringBuilder(daemon).ApplicationName;
            _daemonDb = NpgsqlDataSource.Create(daemon);
        }
        _silentBound = o.SilentNodeBound;
        var opts = MartenEvents.Options(_daemonDb ?? _db, Serialization.EventTypes.Ledger);
        opts.Projections.AsyncMode = o.Mode;
        opts.Projections.LeadershipPollingTime = (int)o.LeadershipPolling.TotalMilliseconds;
        opts.Projections.SlowPollingTime = o.IdlePolling;
        // Events of a type the ledger does not know (written by another tool) feed no read model: skipped, not a stop.
        // An event of a known type that cannot be read or applied stops its shard: never a silently wrong table.
        opts.Projections.Errors.SkipUnknownEvents = true;
        opts.Projections.RebuildErrors.SkipUnknownEvents = true;
        // Every append NOTIFYs ledger_events at commit (notify.sql): it wakes the high-water agent at once instead of
        // at its next poll (CommitWakeup: none is lost while the agent is busy); under load, wakes are gathered (GatheringWakeup), so that pages are not one per commit.
        opts.Projections.Wakeup = new GatheringWakeup(
            new CommitWakeup(_db, _logs.CreateLogger<ReadModelDaemon>()), o.PageGathering);
        foreach (var p in projections)
            opts.Projections.Add(new DaemonProjection(p, _db), ProjectionLifecycle.Async, p.Name, async =>
            {
                async.BatchSize = o.BatchSize;
                // Marten empties these (DELETE) after it has stopped the projection's agent; RebuildAsync truncates first.
                foreach (var table in p.Tables) async.DeleteDataInTableOnTeardown(table);
            });
        foreach (var p in projections.Where(p => p.EventTypes is not null))
        {
            var registered = (IEventFilterable)opts.Projections.All.Single(s => s.Name == p.Name);
            foreach (var type in p.EventTypes!) registered.IncludeType(type);
        }
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
            // Unique per node: a node that finds the projecting node silent ends its connections by this name.
            ApplicationName = (new NpgsqlConnectionStringBuilder(connectionString).ApplicationName is { Length: > 0 } name ? name : "ledger") + " daemon "
                + Guid.NewGuid().ToString("N")[..8],
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
        if (Store.Options.Projections.AsyncMode == DaemonMode.HotCold) StartLease(_silentBound);
    }

    private readonly TimeSpan _silentBound;

    /// <summary>Names of the projections this node runs now.</summary>
    public IReadOnlyCollection<string> Leading =>
        _coordinator is null ? [] : _coordinator.DaemonForMainDatabase().CurrentAgents()
            .Where(a => a.Status == JasperFx.AgentStatus.Running).Select(a => a.Name.Name).Distinct().ToList();

    private int _disposed;

    // The host disposes a singleton registered under two service types twice.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _lagMetric?.Dispose();
        await StopLeaseAsync();
        if (_notifications is not null) await _notifications.DisposeAsync();
        if (_coordinator is not null)
        {
            await _coordinator.StopAsync(CancellationToken.None);
            await _coordinator.DisposeAsync();
        }
        Store.Dispose();
        if (_daemonDb is not null) await _daemonDb.DisposeAsync();
    }
}
