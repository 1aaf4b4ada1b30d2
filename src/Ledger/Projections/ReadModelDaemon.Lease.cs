using Ledger.EventStore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Projections;

/// <summary>
/// A paused projecting node is replaced in seconds. Its election lock sits on a connection whose socket the kernel
/// keeps answering for, so PostgreSQL cannot tell a stopped process from a slow one. Each node's daemon connections
/// carry a name of their own, and every node runs a heartbeat query on them each second; a node that does not
/// project looks each second at the lock's holder, and when every connection of the holder has been silent for
/// <see cref="ProjectionOptions.SilentNodeBound"/>, it ends them: the lock is free, and its own election takes it at
/// its next poll. A holder that comes back finds its connections gone and stops projecting, as after a kill.
/// </summary>
public sealed partial class ReadModelDaemon
{
    /// <summary>This process's daemon connections' application name: unique per node, so a holder is found by name.</summary>
    private string? _ownName;
    private CancellationTokenSource? _leaseStop;
    private Task? _lease;

    private void StartLease(TimeSpan silentBound)
    {
        if (_daemonDb is null || _ownName is null) return;
        _leaseStop = new CancellationTokenSource();
        _lease = Task.Run(() => LeaseLoopAsync(_daemonDb, _ownName, silentBound, _leaseStop.Token));
    }

    private async Task LeaseLoopAsync(NpgsqlDataSource daemonDb, string ownName, TimeSpan silentBound, CancellationToken ct)
    {
        var log = _logs.CreateLogger<ReadModelDaemon>();
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await tick.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            try
            {
                // The heartbeat: any query on this node's daemon connections says the node is alive.
                await using (var beat = daemonDb.CreateCommand("SELECT 1")) await beat.ExecuteScalarAsync(ct);
                if (Leading.Count > 0) continue;
                await using var find = daemonDb.CreateCommand(SqlText.Get("daemon_stale_holder.sql"));
                find.Parameters.AddWithValue("lock_ids", LockIds(null));
                find.Parameters.AddWithValue("own_name", ownName);
                find.Parameters.AddWithValue("stale_ms", (int)silentBound.TotalMilliseconds);
                if (await find.ExecuteScalarAsync(ct) is not string silent) continue;
                await using var end = daemonDb.CreateCommand(SqlText.Get("daemon_end_holder.sql"));
                end.Parameters.AddWithValue("application_name", silent);
                var ended = await end.ExecuteScalarAsync(ct);
                log.LogWarning("The projecting node {Holder} has been silent for {Bound} s: ended its {Count} connections so that a live node takes the projections over",
                    silent, silentBound.TotalSeconds, ended);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                log.LogDebug(e, "daemon lease check failed; next second again");
            }
        }
    }

    private async Task StopLeaseAsync()
    {
        if (_leaseStop is null) return;
        await _leaseStop.CancelAsync();
        try { if (_lease is not null) await _lease; } catch (OperationCanceledException) { }
        _leaseStop.Dispose();
    }
}
