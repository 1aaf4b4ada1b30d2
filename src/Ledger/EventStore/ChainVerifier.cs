using Npgsql;

namespace Ledger.EventStore;

/// <summary>
/// Re-checks every stream's hash chain (the hash header of each of Marten's event rows) and version sequence,
/// and that each stream's row in mt_streams agrees with its last event. Names the first broken event of each stream.
/// </summary>
internal static class ChainVerifier
{
    public static async Task<VerifyReport> VerifyAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand(SqlText.Get("stream_heads.sql")))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) heads[r.GetString(0)] = r.IsDBNull(1) ? 0 : r.GetInt64(1);

        var broken = new List<BrokenLink>();
        long streams = 0, events = 0;
        string? stream = null;
        long expectedVersion = 0;
        var previous = EventHash.Genesis;
        var streamBroken = false;

        void CloseStream()
        {
            if (stream is null || streamBroken) return;
            if (!heads.Remove(stream, out var head))
                broken.Add(new BrokenLink(stream, expectedVersion, null, "the stream has events but no head row"));
            else if (head != expectedVersion)
                broken.Add(new BrokenLink(stream, expectedVersion, null, $"the head row says version {head}, the events end at {expectedVersion}"));
        }

        await using (var cmd = db.CreateCommand(SqlText.Get("verify_events.sql")))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var e = MartenEventStore.ReadEvent(r);
                events++;
                if (e.StreamId != stream)
                {
                    CloseStream();
                    stream = e.StreamId;
                    streams++;
                    expectedVersion = 0;
                    previous = EventHash.Genesis;
                    streamBroken = false;
                }
                if (streamBroken) continue;
                expectedVersion++;
                var problem = Check(e, expectedVersion, previous, out var hash);
                if (problem is not null)
                {
                    // A missing version is named by its number: there is no event to name.
                    broken.Add(e.Version == expectedVersion
                        ? new BrokenLink(e.StreamId, e.Version, e.EventId, problem)
                        : new BrokenLink(e.StreamId, expectedVersion, null, problem));
                    streamBroken = true;
                    heads.Remove(e.StreamId);
                    continue;
                }
                previous = hash;
            }
            CloseStream();
        }
        foreach (var (orphan, head) in heads)
            broken.Add(new BrokenLink(orphan, head, null, "the head row names a stream with no events"));
        var (gaps, recorded) = await UnaccountedGapsAsync(db, ct);
        return new VerifyReport(broken.Count == 0 && gaps.Count == 0, streams, events, broken) { Gaps = gaps, RecordedGapPositions = recorded };
    }

    /// <summary>Runs of positions without an event that no write recorded leaving, below the newest settled event
    /// (above it, a transaction still open may yet fill them).</summary>
    private static async Task<(List<PositionGap> Gaps, long RecordedPositions)> UnaccountedGapsAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        // Recorded ranges merged: adjacent ones (two refused batches in a row) cover a gap together.
        var recorded = new List<(long First, long Last)>();
        long recordedPositions = 0;
        await using (var cmd = db.CreateCommand(SqlText.Get("recorded_gaps.sql")))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var (first, last) = (r.GetInt64(0), r.GetInt64(1));
                recordedPositions += last - first + 1;
                if (recorded.Count > 0 && first <= recorded[^1].Last + 1) recorded[^1] = (recorded[^1].First, Math.Max(recorded[^1].Last, last));
                else recorded.Add((first, last));
            }

        long settled = 0;
        // Other databases' transactions are listed first, in the same session, as the feed's head lists them: they
        // can fill no gap here, and without the list a long one elsewhere on the cluster hid every recent gap.
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var batch = new NpgsqlBatch(conn))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(SqlText.Get("foreign_xids.sql")));
            var tail = new NpgsqlBatchCommand(SqlText.Get("settled_tail.sql"));
            tail.Parameters.Add(new NpgsqlParameter { Value = 1000 });
            batch.BatchCommands.Add(tail);
            await using var r = await batch.ExecuteReaderAsync(ct);
            await r.NextResultAsync(ct);
            while (await r.ReadAsync(ct))
            {
                settled = r.GetInt64(0);
                if (r.GetBoolean(1)) break;
            }
        }

        var gaps = new List<PositionGap>();
        await using (var cmd = db.CreateCommand(SqlText.Get("position_gaps.sql")))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var gap = new PositionGap(r.GetInt64(0), r.GetInt64(1));
                if (gap.Last >= settled) continue;
                var i = recorded.BinarySearch((gap.First, long.MaxValue));
                var covering = i >= 0 ? i : ~i - 1;
                if (covering < 0 || recorded[covering].Last < gap.Last || recorded[covering].First > gap.First) gaps.Add(gap);
            }
        return (gaps, recordedPositions);
    }

    private static string? Check(RecordedEvent e, long expectedVersion, byte[] previous, out byte[] hash)
    {
        hash = [];
        if (e.Version != expectedVersion)
            return $"version {expectedVersion} is missing: the next stored event has version {e.Version}";
        try
        {
            hash = EventHash.Compute(previous, e.EventId, e.StreamId, e.Version, e.Type, e.Data,
                e.RecordedAt, e.RecordedBy, e.CorrelationId, e.CausationId);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException)
        {
            return $"the stored data cannot be read canonically: {ex.Message}";
        }
        return hash.AsSpan().SequenceEqual(e.Hash) ? null : "the hash does not match the event's content and its predecessor's hash";
    }
}
