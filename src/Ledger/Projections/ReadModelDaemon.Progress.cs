using Ledger.EventStore;
using Npgsql;

namespace Ledger.Projections;

public sealed partial class ReadModelDaemon
{
    /// <summary>The last position each projection has committed (0 before its first page).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CheckpointsAsync(CancellationToken ct = default) => ByProjection(await ReadShardsAsync(ct));

    /// <summary>Each projection's position from its shards' (Marten names a shard "incidents:All").</summary>
    private Dictionary<string, long> ByProjection(IReadOnlyDictionary<string, long> shards)
    {
        var result = Projections.ToDictionary(p => p.Name, _ => 0L);
        foreach (var (shard, position) in shards)
            if (result.TryGetValue(shard.Split(':')[0], out var seen)) result[shard.Split(':')[0]] = Math.Max(seen, position);
        return result;
    }

    private async Task<IReadOnlyDictionary<string, long>> ReadShardsAsync(CancellationToken ct)
    {
        var shards = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var cmd = _db.CreateCommand(SqlText.Get("progress.sql"));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) shards[r.GetString(0)] = r.GetInt64(1);
        return shards;
    }

    /// <summary>The highest committed position: a client that wrote knows no higher one (the settled head may be lower
    /// a moment, while an older writer is still open).</summary>
    public async Task<long> HighestAsync(CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(SqlText.Get("highest_position.sql"));
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The position every projection has reached: what a read of the read models reflects at least.</summary>
    public async Task<long> ReachedAsync(CancellationToken ct = default)
    {
        var checkpoints = await CheckpointsAsync(ct);
        return checkpoints.Count == 0 ? 0 : checkpoints.Values.Min();
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
        var notifications = Notifications();
        var deadline = DateTime.UtcNow + timeout;
        var read = true; // the first look reads the table itself
        while (true)
        {
            var next = notifications.Next; // taken before looking, so an announcement in between is not missed
            var shards = read || !notifications.Listening ? await ShardProgressAsync(ct) : notifications.Shards;
            if (Reached(shards, name, position)) return true;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return false;
            // Woken by the next announcement; a look at the table every few seconds covers a listener that is down.
            var tick = Task.Delay(left < ReadEvery ? left : ReadEvery, ct);
            read = await Task.WhenAny(next, tick) == tick;
            ct.ThrowIfCancellationRequested();
        }
    }

    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(2);

    private bool Reached(IReadOnlyDictionary<string, long> shards, string? name, long position) =>
        ByProjection(shards).Where(p => name is null || p.Key == name).All(p => p.Value >= position);

    /// <summary>How many times waits read the progress table (the first look of each wait, and the fallback).</summary>
    public long ProgressReads => Interlocked.Read(ref _progressReads);

    private long _progressReads;

    private Task<IReadOnlyDictionary<string, long>> ShardProgressAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _progressReads);
        return ReadShardsAsync(ct);
    }

    private ProgressNotifications? _notifications;
    private readonly Lock _notificationsLock = new();

    /// <summary>The process's listener, started by the first wait.</summary>
    private ProgressNotifications Notifications()
    {
        lock (_notificationsLock) return _notifications ??= new ProgressNotifications(_db);
    }

    // Observable instruments are read synchronously at scrape time; one small query per scrape.
    private IEnumerable<System.Diagnostics.Metrics.Measurement<long>> MeasureLag()
    {
        // Assigned before the try (README, ops/mutate: Stryker drops a whole method whose mutant leaves a variable unassigned).
        var checkpoints = new Dictionary<string, long>();
        long head = 0;
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
