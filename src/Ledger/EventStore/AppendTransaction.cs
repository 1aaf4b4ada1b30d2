using Npgsql;
using NpgsqlTypes;

namespace Ledger.EventStore;

/// <summary>
/// Writes the appends of many streams in one transaction into Marten's event tables. Each stream's append is
/// all or nothing and a conflict on one stream (a stale expected version, a repeated event id) does not fail
/// the others: the checks happen in memory, under the stream rows' locks, before anything is written, which
/// Marten's own append cannot do (one stale stream fails its whole SaveChanges). Positions are allocated only for
/// what is accepted, so a refused or repeated append leaves no hole in the sequence (a hole would hold Marten's daemon
/// and every minPosition read for its stale threshold). Three round trips: BEGIN + the streams' locks + heads + known
/// ids; positions for the accepted events; write + COMMIT (a binary COPY for large batches). A batch that accepts
/// nothing takes no position. Transactions overlap: nothing is held from one to the next but the locks of the
/// streams they share.
/// </summary>
internal static class AppendTransaction
{
    public static async Task<AppendOutcome[]> RunAsync(NpgsqlDataSource db, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        foreach (var a in appends)
        {
            if (a.Events.Count == 0) throw new ArgumentException($"append to {a.StreamId} has no events", nameof(appends));
            if (a.ExpectedVersion < 0) throw new ArgumentException($"expected version of {a.StreamId} is negative", nameof(appends));
        }

        // The payloads' canonical forms, which the hash chain covers, do not depend on the database: worked out
        // before the transaction opens, on every core for a large batch. A payload that cannot be read fails its
        // own append only (Decide), not the batch.
        var canonical = Canonicalize(appends);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var conn = await db.OpenConnectionAsync(ct);
        // BEGIN and COMMIT travel inside the batches.
        var committed = false;
        BatchState? state = null;
        try
        {
            state = await ReadStateAsync(conn, appends, ct);
            // Decided once on a copy, to learn how many events are accepted (decisions depend on heads and ids, never
            // on positions or times), then for real with the positions allocated for exactly those.
            var trial = new Rows();
            DecideAll(appends, canonical, state.Copy(), trial);
            if (trial.Count > 0) await AllocateAsync(conn, state, trial.Count, ct);
            var rows = new Rows();
            var outcomes = DecideAll(appends, canonical, state, rows);

            // Stream rows first (events refer to them), then the events: large batches (imports) by binary COPY,
            // small ones in the same round trip as the commit.
            var touched = state.Heads.Where(h => h.Value.Touched).ToList();
            var upsert = Command("upsert_streams.sql",
                P(touched.Select(h => h.Key).ToArray()), P(touched.Select(h => h.Value.Version).ToArray()), P(state.Now));
            await using var write = new NpgsqlBatch(conn);
            if (rows.Count >= CopyThreshold)
            {
                await using (var streams = new NpgsqlBatch(conn) { BatchCommands = { upsert } }) await streams.ExecuteNonQueryAsync(ct);
                await CopyAsync(conn, rows, state, ct);
            }
            else if (rows.Count > 0)
            {
                write.BatchCommands.Add(upsert);
                write.BatchCommands.Add(Command("insert_events.sql",
                    P(state.FirstPosition), P(state.Now), P(rows.EventIds.ToArray()), P(rows.StreamIds.ToArray()), P(rows.Versions.ToArray()),
                    P(rows.Types.ToArray()), Jsonb(rows.Data), P(rows.RecordedBy.ToArray()), P(rows.Correlation.ToArray()),
                    P(rows.Causation.ToArray()), Jsonb(rows.Headers), P(rows.DotnetTypes.ToArray())));
            }
            if (rows.Count > 0) write.BatchCommands.Add(Command("notify.sql"));
            if (rows.Count != trial.Count) throw new InvalidOperationException($"the batch accepted {rows.Count} events after allocating {trial.Count}");
            write.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await write.ExecuteNonQueryAsync(ct);
            committed = true;
            Telemetry.LedgerMetrics.CommitDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            Telemetry.LedgerMetrics.AppendTransactions.Add(1);
            Telemetry.LedgerMetrics.AppendBatchSize.Record(appends.Count);
            if (rows.Count > 0) Telemetry.LedgerMetrics.EventsAppended.Add(rows.Count);
            var conflicts = outcomes.Count(o => o.Error is WrongExpectedVersionException);
            if (conflicts > 0) Telemetry.LedgerMetrics.VersionConflicts.Add(conflicts);
            return outcomes;
        }
        finally
        {
            if (!committed && conn.State == System.Data.ConnectionState.Open)
            {
                // Whatever happened, the connection goes back to the pool outside any transaction.
                try { await using var rollback = new NpgsqlCommand("ROLLBACK", conn); await rollback.ExecuteNonQueryAsync(CancellationToken.None); }
                catch (NpgsqlException) { /* the connection is broken; the pool discards it */ }
            }
            if (!committed && state is { Allocated: > 0 }) await RecordRolledBackAsync(db, state.FirstPosition, state.Allocated);
        }
    }

    /// <summary>The positions of a write that rolled back, recorded when the database can still be reached. A
    /// commit whose answer was lost may in fact have landed: then nothing is recorded, since its events hold them.</summary>
    private static async Task RecordRolledBackAsync(NpgsqlDataSource db, long first, int count)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var conn = await db.OpenConnectionAsync(timeout.Token);
            await using var cmd = new NpgsqlCommand(SqlText.Get("record_rolled_back.sql"), conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = first });
            cmd.Parameters.Add(new NpgsqlParameter { Value = first + count - 1 });
            await cmd.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // Left unrecorded: verify names the gap, and a signed checkpoint tells it from a deletion.
        }
    }

    private const int CopyThreshold = 200;

    private static async Task CopyAsync(NpgsqlConnection conn, Rows rows, BatchState state, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(SqlText.Get("copy_events.sql"), ct);
        for (var i = 0; i < rows.Count; i++)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(state.FirstPosition + i, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(rows.EventIds[i], NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(rows.StreamIds[i], NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(rows.Versions[i], NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(rows.Types[i], NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(rows.Data[i], NpgsqlDbType.Jsonb, ct);
            await copy.WriteAsync(state.Now, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(rows.RecordedBy[i], NpgsqlDbType.Varchar, ct);
            if (rows.Correlation[i] is { } correlation) await copy.WriteAsync(correlation, NpgsqlDbType.Varchar, ct); else await copy.WriteNullAsync(ct);
            if (rows.Causation[i] is { } causation) await copy.WriteAsync(causation, NpgsqlDbType.Varchar, ct); else await copy.WriteNullAsync(ct);
            await copy.WriteAsync(rows.Headers[i], NpgsqlDbType.Jsonb, ct);
            if (rows.DotnetTypes[i] is { } dotnetType) await copy.WriteAsync(dotnetType, NpgsqlDbType.Varchar, ct); else await copy.WriteNullAsync(ct);
            await copy.WriteAsync(MartenEvents.DefaultTenant, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(false, NpgsqlDbType.Boolean, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static byte[]?[][] Canonicalize(IReadOnlyList<StreamAppend> appends)
    {
        var canonical = appends.Select(a => new byte[]?[a.Events.Count]).ToArray();
        void One(int i)
        {
            for (var k = 0; k < appends[i].Events.Count; k++)
            {
                try { canonical[i][k] = EventHash.CanonicalData(appends[i].Events[k].Data); }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException) { canonical[i][k] = null; }
            }
        }
        if (appends.Sum(a => a.Events.Count) < 256) for (var i = 0; i < appends.Count; i++) One(i);
        else Parallel.For(0, appends.Count, One);
        return canonical;
    }

    /// <summary>Each append's outcome on <paramref name="state"/>, in order (a later append sees an earlier one's
    /// events); the accepted events' rows go to <paramref name="rows"/>.</summary>
    private static AppendOutcome[] DecideAll(IReadOnlyList<StreamAppend> appends, byte[]?[][] canonical, BatchState state, Rows rows)
    {
        var outcomes = new AppendOutcome[appends.Count];
        for (var i = 0; i < appends.Count; i++)
        {
            try { outcomes[i] = new AppendOutcome(Decide(appends[i], canonical[i], state, rows), null); }
            catch (Exception ex) when (ex is WrongExpectedVersionException or EventIdConflictException or System.Text.Json.JsonException or FormatException)
            {
                outcomes[i] = new AppendOutcome(null, ex);
            }
        }
        return outcomes;
    }

    private static AppendResult Decide(StreamAppend a, byte[]?[] canonical, BatchState state, Rows rows)
    {
        var known = a.Events.Select(e => state.Known.GetValueOrDefault(e.EventId)).ToList();
        if (known.Any(k => k is not null)) return Duplicate(a, known);
        if (a.Events.Select(e => e.EventId).Distinct().Count() != a.Events.Count)
            throw new EventIdConflictException(a.Events.GroupBy(e => e.EventId).First(g => g.Count() > 1).Key, "twice in one append");

        var head = state.Heads.TryGetValue(a.StreamId, out var h) ? h : new StreamHead(0, EventHash.Genesis, false);
        if (head.Version != a.ExpectedVersion) throw new WrongExpectedVersionException(a.StreamId, a.ExpectedVersion, head.Version);

        // Hash everything first: a payload that cannot be hashed fails this append before any row is added.
        var hashes = new byte[a.Events.Count][];
        var hash = head.Hash;
        for (var k = 0; k < a.Events.Count; k++)
        {
            var e = a.Events[k];
            // Unreadable data throws here, as it did before canonicalising ahead: only this append fails.
            var data = canonical[k] ?? EventHash.CanonicalData(e.Data);
            hashes[k] = hash = EventHash.Compute(hash, e.EventId, a.StreamId, head.Version + k + 1, e.Type, data, state.Now,
                e.Metadata.RecordedBy, e.Metadata.CorrelationId, e.Metadata.CausationId);
        }
        var firstPosition = state.FirstPosition + rows.Count;
        for (var k = 0; k < a.Events.Count; k++)
        {
            var e = a.Events[k];
            rows.Add(e, a.StreamId, head.Version + k + 1, hashes[k]);
            state.Known[e.EventId] = new KnownEvent(a.StreamId, head.Version + k + 1, e.Type, e.Data, firstPosition + k, state.Now);
        }
        var last = head.Version + a.Events.Count;
        state.Heads[a.StreamId] = new StreamHead(last, hash, true);
        return new AppendResult(a.StreamId, last, firstPosition, firstPosition + a.Events.Count - 1, state.Now, Duplicate: false);
    }

    /// <summary>A retry of events that are already stored (or already in this batch) is answered with their
    /// first result; the same ids with anything else different are refused.</summary>
    private static AppendResult Duplicate(StreamAppend a, List<KnownEvent?> known)
    {
        var firstKnown = a.Events[known.FindIndex(k => k is not null)].EventId;
        for (var k = 0; k < a.Events.Count; k++)
        {
            var e = a.Events[k];
            var stored = known[k] ?? throw new EventIdConflictException(firstKnown,
                "while other events of the same append are not: a retry must resend exactly the same events");
            if (stored.StreamId != a.StreamId) throw new EventIdConflictException(e.EventId, $"in stream {stored.StreamId}");
            if (k > 0 && stored.Version != known[0]!.Version + k) throw new EventIdConflictException(e.EventId, "in another order");
            if (stored.Type != e.Type || !EventHash.CanonicalData(stored.Data).AsSpan().SequenceEqual(EventHash.CanonicalData(e.Data)))
                throw new EventIdConflictException(e.EventId, "with other content");
        }
        return new AppendResult(a.StreamId, known[^1]!.Version, known[0]!.Position, known[^1]!.Position, known[0]!.RecordedAt, Duplicate: true);
    }

    private static async Task<BatchState> ReadStateAsync(NpgsqlConnection conn, IReadOnlyList<StreamAppend> appends, CancellationToken ct)
    {
        await using var read = new NpgsqlBatch(conn);
        read.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        // Nothing here gives the transaction its id (allocate_positions does, in R_event_store.sql).
        var streams = appends.Select(a => a.StreamId).Distinct().ToArray();
        read.BatchCommands.Add(Named("lock_streams.sql", ("streams", streams)));
        read.BatchCommands.Add(Named("batch_heads.sql", ("streams", streams)));
        read.BatchCommands.Add(Command("events_by_id.sql", P(appends.SelectMany(a => a.Events).Select(e => e.EventId).ToArray())));
        await using var r = await read.ExecuteReaderAsync(ct);
        var state = new BatchState();

        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            state.Heads[r.GetString(0)] = new StreamHead(r.GetInt64(1), r.IsDBNull(2) ? [] : r.GetFieldValue<byte[]>(2), false);

        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            state.Known[r.GetGuid(0)] = new KnownEvent(r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetFieldValue<DateTimeOffset>(6));
        return state;
    }

    /// <summary>Positions and the recording time for the <paramref name="count"/> events the batch accepted.</summary>
    private static async Task AllocateAsync(NpgsqlConnection conn, BatchState state, int count, CancellationToken ct)
    {
        await using var allocate = new NpgsqlBatch(conn) { BatchCommands = { Command("allocate.sql", P(count)) } };
        await using var r = await allocate.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        state.Allocate(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), count);
    }

    private static NpgsqlBatchCommand Named(string sqlFile, params (string Name, object Value)[] parameters)
    {
        var cmd = new NpgsqlBatchCommand(SqlText.Get(sqlFile));
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new NpgsqlParameter(name, value));
        return cmd;
    }

    private static NpgsqlBatchCommand Command(string sqlFile, params NpgsqlParameter[] parameters)
    {
        var cmd = new NpgsqlBatchCommand(SqlText.Get(sqlFile));
        cmd.Parameters.AddRange(parameters);
        return cmd;
    }

    private static NpgsqlParameter P(object value) => new() { Value = value };

    private static NpgsqlParameter Jsonb(List<string> data) =>
        new() { Value = data.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb };

    private sealed record StreamHead(long Version, byte[] Hash, bool Touched);

    private sealed record KnownEvent(string StreamId, long Version, string Type, string Data, long Position, DateTimeOffset RecordedAt);

    /// <summary>What the first round trip found (the streams' heads, the events already stored), then the positions
    /// allocated for the accepted events and their recording time.</summary>
    private sealed class BatchState
    {
        public DateTimeOffset Now { get; private set; }
        public long FirstPosition { get; private set; }
        public int Allocated { get; private set; }
        public Dictionary<string, StreamHead> Heads { get; private init; } = new(StringComparer.Ordinal);
        public Dictionary<Guid, KnownEvent> Known { get; private init; } = [];

        public void Allocate(long firstPosition, DateTimeOffset now, int count) => (FirstPosition, Now, Allocated) = (firstPosition, now, count);

        /// <summary>A copy to decide on without changing this one.</summary>
        public BatchState Copy() => new() { Heads = new(Heads, StringComparer.Ordinal), Known = new(Known) };
    }

    private sealed class Rows
    {
        public readonly List<Guid> EventIds = [];
        public readonly List<string> StreamIds = [];
        public readonly List<long> Versions = [];
        public readonly List<string> Types = [];
        public readonly List<string> Data = [];
        public readonly List<string> RecordedBy = [];
        public readonly List<string?> Correlation = [];
        public readonly List<string?> Causation = [];
        public readonly List<string> Headers = [];
        public readonly List<string?> DotnetTypes = [];
        public int Count => EventIds.Count;

        public void Add(EventData e, string streamId, long version, byte[] hash)
        {
            EventIds.Add(e.EventId); StreamIds.Add(streamId); Versions.Add(version); Types.Add(e.Type); Data.Add(e.Data);
            RecordedBy.Add(e.Metadata.RecordedBy); Correlation.Add(e.Metadata.CorrelationId); Causation.Add(e.Metadata.CausationId);
            Headers.Add(MartenEvents.Headers(hash, e.Metadata.CausationId));
            DotnetTypes.Add(MartenEvents.DotnetTypeOf(e.Type));
        }
    }
}
