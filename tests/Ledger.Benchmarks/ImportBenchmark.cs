using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Import;
using Ledger.Projections;
using Ledger.Regions;
using Ledger.Server.Cli;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Benchmarks;

/// <summary>`ledger import`'s code path against binary COPY of the same rows; then a projection rebuild over
/// them against a raw sequential read.</summary>
public static class ImportBenchmark
{
    public static async Task<(double EventsPerSecond, long Events, double Seconds)> ImportAsync(NpgsqlDataSource db, List<string> lines)
    {
        await using var store = new MartenEventStore(db);
        await GazetteerSeeding.EnsureAsync(store);
        var session = new ImportSession(store, "bench");
        var importer = new Importer(session, await ImportNames.LoadAsync(session, new RegionDirectory(db)));
        // Where the time goes: the append transactions (hashing, the id lookup, COPY, COMMIT) against the rest
        // (reading lines, requests, deciding, serialising), from the store's own commit-duration histogram.
        double appending = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument == Telemetry.LedgerMetrics.CommitDuration) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => appending += seconds);
        listener.Start();
        var report = await importer.RunAsync(SyntheticLedger.Reader(lines), allOrNothing: false);
        if (report.Error is not null) throw new InvalidOperationException(report.Error.ToString());
        Console.WriteLine($"        import of {report.Events:N0} events: {report.Elapsed.TotalSeconds:F1} s, of which append transactions {appending:F1} s");
        return (report.Events / report.Elapsed.TotalSeconds, report.Events, report.Elapsed.TotalSeconds);
    }

    /// <summary>The same rows as the import stored in mt_events (data, headers and all), written by binary COPY into
    /// a twin table with mt_events' columns and indexes.</summary>
    public static async Task<double> CopyAsync(NpgsqlDataSource db, bool withStreams = false)
    {
        // withStreams: Marten's schema as a whole, the stream rows copied first and the events' foreign key to them,
        // which every row written to mt_events pays for.
        await using (var create = db.CreateCommand("""
            DROP TABLE IF EXISTS bench_copy_events;
            DROP TABLE IF EXISTS bench_copy_streams;
            CREATE TABLE bench_copy_events (LIKE ledger.mt_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
            CREATE TABLE bench_copy_streams (LIKE ledger.mt_streams INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
            """ + (withStreams ? "ALTER TABLE bench_copy_events ADD FOREIGN KEY (stream_id) REFERENCES bench_copy_streams (id);" : "")))
            await create.ExecuteNonQueryAsync();
        var streams = new List<(string Id, long Version)>();
        await using (var read = db.CreateCommand("SELECT id, version FROM ledger.mt_streams"))
        await using (var r = await read.ExecuteReaderAsync())
            while (await r.ReadAsync()) streams.Add((r.GetString(0), r.GetInt64(1)));
        const string columns = "seq_id, id, stream_id, version, type, data, timestamp, user_name, correlation_id, causation_id, headers, mt_dotnet_type, tenant_id, is_archived";
        var rows = new List<object?[]>();
        await using (var read = db.CreateCommand($"SELECT seq_id, id, stream_id, version, type, data::text, timestamp, user_name, correlation_id, causation_id, headers::text, mt_dotnet_type, tenant_id, is_archived FROM ledger.mt_events ORDER BY seq_id"))
        await using (var r = await read.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                var row = new object?[14];
                r.GetValues(row!);
                rows.Add(row);
            }
        var clock = Stopwatch.StartNew();
        await using var conn = await db.OpenConnectionAsync();
        if (withStreams)
        {
            await using var copyStreams = await conn.BeginBinaryImportAsync("COPY bench_copy_streams (id, version) FROM STDIN (FORMAT BINARY)");
            foreach (var (id, version) in streams)
            {
                await copyStreams.StartRowAsync();
                await copyStreams.WriteAsync(id, NpgsqlDbType.Varchar);
                await copyStreams.WriteAsync(version, NpgsqlDbType.Bigint);
            }
            await copyStreams.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync($"COPY bench_copy_events ({columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync((long)row[0]!, NpgsqlDbType.Bigint);
                await copy.WriteAsync((Guid)row[1]!, NpgsqlDbType.Uuid);
                await copy.WriteAsync((string)row[2]!, NpgsqlDbType.Varchar);
                await copy.WriteAsync((long)row[3]!, NpgsqlDbType.Bigint);
                await copy.WriteAsync((string)row[4]!, NpgsqlDbType.Varchar);
                await copy.WriteAsync((string)row[5]!, NpgsqlDbType.Jsonb);
                await copy.WriteAsync((DateTime)row[6]!, NpgsqlDbType.TimestampTz);
                for (var i = 7; i <= 9; i++)
                    if (row[i] is string text) await copy.WriteAsync(text, NpgsqlDbType.Varchar); else await copy.WriteNullAsync();
                await copy.WriteAsync((string)row[10]!, NpgsqlDbType.Jsonb);
                for (var i = 11; i <= 12; i++)
                    if (row[i] is string text) await copy.WriteAsync(text, NpgsqlDbType.Varchar); else await copy.WriteNullAsync();
                await copy.WriteAsync((bool)row[13]!, NpgsqlDbType.Boolean);
            }
            await copy.CompleteAsync();
        }
        return rows.Count / clock.Elapsed.TotalSeconds;
    }

    public static async Task<double> RebuildAsync(NpgsqlDataSource db)
    {
        await using var store = new MartenEventStore(db);
        await using var runner = new ReadModelDaemon(store, LedgerProjections.All(), new ProjectionOptions { BatchSize = 5000 });
        var head = await store.HeadPositionAsync();
        var clock = Stopwatch.StartNew();
        foreach (var p in runner.Projections) await runner.RebuildAsync(p);
        return head / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The ceiling Marten's daemon sets on any rebuild: a projection that takes every event and writes nothing,
    /// rebuilt as the ledger's are (its loader pages and deserializes the whole log).</summary>
    public static async Task<double> LoaderCeilingAsync(NpgsqlDataSource db)
    {
        await using (var table = db.CreateCommand("CREATE TABLE IF NOT EXISTS projections.bench_nothing (id int)"))
            await table.ExecuteNonQueryAsync();
        await using var store = new MartenEventStore(db);
        await using var runner = new ReadModelDaemon(store, [new NothingProjection()], new ProjectionOptions { BatchSize = 5000 });
        var head = await store.HeadPositionAsync();
        var clock = Stopwatch.StartNew();
        await runner.RebuildAsync(runner.Projections[0]);
        var rate = head / clock.Elapsed.TotalSeconds;
        // A kept ledger (ops/bench --rebuild NAME) is left as it was found.
        await using (var cleanup = db.CreateCommand("DROP TABLE projections.bench_nothing; DELETE FROM ledger.mt_event_progression WHERE name LIKE 'bench-nothing:%'"))
            await cleanup.ExecuteNonQueryAsync();
        return rate;
    }

    private sealed class NothingProjection : ITableProjection
    {
        public string Name => "bench-nothing";
        public IReadOnlyList<string> Tables { get; } = ["projections.bench_nothing"];
        public string TablesSql => "";
        public IReadOnlyList<Type>? EventTypes => null;

        public Task<IReadOnlyList<ProjectionWrite>> ProjectAsync(NpgsqlDataSource db, IReadOnlyList<ProjectedEvent> events, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<ProjectionWrite>>([]);
    }

    /// <summary>Every event read in position order with every column, as a rebuild reads them.</summary>
    public static async Task<double> RawReadAsync(NpgsqlDataSource db)
    {
        var clock = Stopwatch.StartNew();
        long n = 0;
        await using var cmd = db.CreateCommand("SELECT seq_id, id, stream_id, version, type, data, timestamp, user_name, correlation_id, causation_id, headers FROM ledger.mt_events ORDER BY seq_id");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            _ = r.GetString(5);
            n++;
        }
        return n / clock.Elapsed.TotalSeconds;
    }
}
