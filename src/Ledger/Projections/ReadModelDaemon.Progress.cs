using Ledger.EventStore;
using Npgsql;

namespace Ledger.Projections;

public sealed partial class ReadModelDaemon
{
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
}
