using Npgsql;

namespace Ledger.EventStore;

/// <summary>
/// The feed's order on Marten's sequence, and its head: the highest position below which no transaction can
/// still commit an event. Positions are taken when a transaction starts writing and become visible at its
/// commit, so a reader can see position 12 while 11 is still open. A gap is passed only when it can never be
/// filled: <c>allocate_positions</c> gives lower positions to older transactions, so a gap below an event is
/// permanent (a rollback, an unused allocation) once every transaction still open is younger than the one
/// that wrote that event; otherwise the head stops before the gap and the reader waits for the commit.
/// </summary>
public static class EventFeed
{
    private const int FirstWindow = 256;

    /// <summary>The head alone.</summary>
    public static async Task<long> HeadAsync(NpgsqlDataSource db, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        for (var window = FirstWindow; ; window *= 16)
        {
            await using var batch = new NpgsqlBatch(conn);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(SqlText.Get("foreign_xids.sql")));
            batch.BatchCommands.Add(Tail(window));
            await using var r = await batch.ExecuteReaderAsync(ct);
            await r.NextResultAsync(ct);
            if (await HeadAsync(r, window, ct) is { } head) return head;
        }
    }

    /// <summary>Events after a position up to the head, and the head, in one round trip. The page is read in a later
    /// snapshot than the head, which is safe: below the head nothing can appear any more.</summary>
    public static async Task<(IReadOnlyList<RecordedEvent> Events, long Head)> ReadAsync(NpgsqlDataSource db, long after, int limit, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        for (var window = FirstWindow; ; window *= 16)
        {
            await using var batch = new NpgsqlBatch(conn);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(SqlText.Get("foreign_xids.sql")));
            batch.BatchCommands.Add(Tail(window));
            var page = new NpgsqlBatchCommand(SqlText.Get("read_all.sql"));
            page.Parameters.Add(new NpgsqlParameter { Value = after });
            page.Parameters.Add(new NpgsqlParameter { Value = limit });
            batch.BatchCommands.Add(page);
            await using var r = await batch.ExecuteReaderAsync(ct);
            await r.NextResultAsync(ct);
            // A plain null test, not `is not { } head` (README, ops/mutate: Stryker drops a whole method whose mutant leaves a variable unassigned).
            var found = await HeadAsync(r, window, ct);
            if (found is null) continue;
            var head = found.Value;
            await r.NextResultAsync(ct);
            var events = new List<RecordedEvent>();
            while (await r.ReadAsync(ct))
            {
                var e = MartenEventStore.ReadEvent(r);
                if (e.Position > head) break;
                events.Add(e);
            }
            return (events, head);
        }
    }

    private static NpgsqlBatchCommand Tail(int window)
    {
        var cmd = new NpgsqlBatchCommand(SqlText.Get("settled_tail.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = window });
        return cmd;
    }

    private static async Task<long?> HeadAsync(NpgsqlDataReader r, int window, CancellationToken ct)
    {
        var tail = new List<(long Position, bool Settled)>(window);
        while (await r.ReadAsync(ct)) tail.Add((r.GetInt64(0), r.GetBoolean(1)));
        return Head(tail, complete: tail.Count < window);
    }

    /// <summary>The head from the newest events, newest first: the newest settled one, then every later
    /// position as long as they follow without a gap. Null when the window holds no settled event and
    /// older ones exist: read a wider one.</summary>
    public static long? Head(IReadOnlyList<(long Position, bool Settled)> newestFirst, bool complete)
    {
        var settled = -1;
        for (var i = 0; i < newestFirst.Count && settled < 0; i++)
            if (newestFirst[i].Settled) settled = i;
        if (settled < 0 && !complete) return null;
        // With nothing settled in the whole log the walk starts before position 1.
        var head = settled < 0 ? 0 : newestFirst[settled].Position;
        for (var i = (settled < 0 ? newestFirst.Count : settled) - 1; i >= 0 && newestFirst[i].Position == head + 1; i--)
            head = newestFirst[i].Position;
        return head;
    }
}
