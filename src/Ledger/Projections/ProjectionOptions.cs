using JasperFx.Events.Daemon;

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

    /// <summary>Under load, the shortest time between two wakes of the daemon by commits: the events committed
    /// meanwhile become one page (one transaction) of each projection, not one page per commit.</summary>
    public TimeSpan PageGathering { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The database for the daemon's own connections (its election lock among them). Given, PostgreSQL checks
    /// each second that their client is still connected (a killed node's lock goes at once), they send a keepalive
    /// query every quarter of <see cref="PausedNodeBound"/>, and PostgreSQL ends any of them idle longer than the
    /// bound: a node that stops without closing its connections (SIGSTOP, a hung VM; the kernel still answers TCP
    /// keepalives for a stopped process) loses the lock once its lock connection's current 60 s sleep ends, plus the
    /// bound.</summary>
    public string? ConnectionString { get; init; }

    public TimeSpan PausedNodeBound { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long every daemon connection of the projecting node may stay silent (its heartbeat runs each
    /// second) before another node ends them and takes the projections over (ReadModelDaemon.Lease).</summary>
    public TimeSpan SilentNodeBound { get; init; } = TimeSpan.FromSeconds(6);
}

public sealed record RebuildProgress(string Projection, long Position, long Head);
