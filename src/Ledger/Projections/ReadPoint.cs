using Ledger.EventStore;
using Npgsql;

namespace Ledger.Projections;

/// <summary>The past point a read shows: a global position, and when the event at or before it was recorded (null at
/// position 0, before the first event).</summary>
public sealed record ReadPoint(long Position, DateTimeOffset? RecordedAt)
{
    /// <summary>The position a read as of <paramref name="position"/> or <paramref name="time"/> shows (the position wins);
    /// null when neither is given: the present.</summary>
    /// <exception cref="PositionBeyondHeadException">The position has not been reached.</exception>
    public static async Task<long?> ResolveAsync(NpgsqlDataSource db, long? position, DateTimeOffset? time, CancellationToken ct = default)
    {
        if (position is { } p)
        {
            // A position the ledger has not reached is no past moment: "as of the future" would be the present, mislabelled.
            // The head only moves forward, so a position at or below one already seen needs no round trip (the head's
            // test reads pg_stat_activity and the log's tail: a round trip as long as the present tally itself).
            var known = KnownHeads.GetOrCreateValue(db);
            if (p <= Volatile.Read(ref known.Value)) return p;
            var last = await EventFeed.HeadAsync(db, ct);
            known.Raise(last);
            return p <= last ? p : throw new PositionBeyondHeadException(p, last);
        }
        if (time is not { } t) return null;
        await using var cmd = db.CreateCommand(SqlText.Get("position_at.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = t.ToUniversalTime() });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<NpgsqlDataSource, Head> KnownHeads = new();

    /// <summary>The highest head read from one database so far.</summary>
    private sealed class Head
    {
        public long Value;

        public void Raise(long head)
        {
            for (var seen = Volatile.Read(ref Value); head > seen; seen = Volatile.Read(ref Value))
                if (Interlocked.CompareExchange(ref Value, head, seen) == seen) return;
        }
    }

    /// <summary>The point at a position the ledger has reached, with the recording time of the event at or before it.</summary>
    public static async Task<ReadPoint> AtAsync(NpgsqlDataSource db, long position, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn) { BatchCommands = { TimeAt(position) } };
        await using var r = await batch.ExecuteReaderAsync(ct);
        return await ReadAsync(r, position, ct);
    }

    /// <summary>The statement that finds the point's time, for a batch that reads it beside other rows.</summary>
    internal static NpgsqlBatchCommand TimeAt(long position) =>
        new(SqlText.Get("time_at.sql")) { Parameters = { new NpgsqlParameter { Value = position } } };

    /// <summary>The point from the result of <see cref="TimeAt"/>, where the reader stands.</summary>
    internal static async Task<ReadPoint> ReadAsync(NpgsqlDataReader r, long position, CancellationToken ct) =>
        new(position, await r.ReadAsync(ct) ? r.GetFieldValue<DateTimeOffset>(0) : null);
}
