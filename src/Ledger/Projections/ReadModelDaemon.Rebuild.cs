using Microsoft.Extensions.Logging;

namespace Ledger.Projections;

public sealed partial class ReadModelDaemon
{
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

    /// <summary>Empties the projection's tables and has Marten's daemon replay the log into them (it stops the
    /// projection's agent, tears down and replays to its high-water mark), then projects on to the head.</summary>
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
        // Marten's rebuild leaves the projection's agent stopped (restarting is the caller's part), and replays only to
        // its high-water mark of the moment, which a gap not yet judged can hold below the head. So an agent goes on
        // from the rebuilt position (this node's, where it projected; a daemon of its own, without an election), and
        // the rebuild is done when the projection has reached the head it started from.
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
}
