using System.Diagnostics;
using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Reconciliation;
using Ledger.Sources;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>
/// Grain appends, one event per command on 32 concurrent incidents, against raw single-row INSERT
/// transactions from 32 clients into a table of mt_events' shape, and against Marten's own append.
/// </summary>
public static class AppendBenchmark
{
    public const int Clients = 32;

    public static async Task<double> RawInsertsPerSecond(NpgsqlDataSource db, TimeSpan duration)
    {
        await using (var create = db.CreateCommand("""
            DROP TABLE IF EXISTS bench_raw_events;
            CREATE TABLE bench_raw_events (LIKE ledger.mt_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
            CREATE SEQUENCE IF NOT EXISTS bench_raw_position;
            """)) await create.ExecuteNonQueryAsync();
        const string insert = """
            INSERT INTO bench_raw_events (seq_id, id, stream_id, version, type, data, timestamp, user_name, headers, mt_dotnet_type)
            VALUES (nextval('bench_raw_position'), $1, $2, $3, 'FigureRevised', $4::jsonb, now(), 'bench', $5::jsonb, 'Ledger.Incidents.FigureRevised, Ledger.Core')
            """;
        var headers = MartenEvents.Headers(new byte[32], "bench-command");
        return await RunClients(duration, async (client, n) =>
        {
            await using var cmd = db.CreateCommand(insert);
            cmd.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = $"raw-{client}" });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (long)n + 1 });
            cmd.Parameters.Add(new NpgsqlParameter { Value = Payload(n) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = headers });
            await cmd.ExecuteNonQueryAsync();
        });
    }

    /// <summary>pgbench (PostgreSQL's own C client) running single-row INSERT transactions into a table of the events
    /// table's shape from <see cref="Clients"/> connections: the ceiling one client per transaction reaches here.</summary>
    public static async Task<double> PgbenchInsertsPerSecond(NpgsqlDataSource db, string connectionString, TimeSpan duration)
    {
        await using (var create = db.CreateCommand("""
            DROP TABLE IF EXISTS bench_pgbench_events;
            CREATE TABLE bench_pgbench_events (LIKE ledger.mt_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
            CREATE SEQUENCE IF NOT EXISTS bench_pgbench_position;
            """)) await create.ExecuteNonQueryAsync();
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, """
            \set n random(1, 1000000000)
            INSERT INTO bench_pgbench_events (seq_id, id, stream_id, version, type, data, timestamp, user_name, headers, mt_dotnet_type) VALUES (nextval('bench_pgbench_position'), gen_random_uuid(), 'pgbench-' || :client_id, nextval('bench_pgbench_position'), 'FigureRevised', ('{"figureId": "sohr:killed:syrian-army", "value": {"kind": "atLeast", "value": ' || :n || '}, "reason": "revision ' || :n || '"}')::jsonb, now(), 'bench', jsonb_build_object('hash', encode(sha256(:n::text::bytea), 'hex'), 'commandId', 'bench-' || :n), 'Ledger.Incidents.FigureRevised, Ledger.Core');

            """);
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(connectionString);
            var bin = Environment.GetEnvironmentVariable("LEDGER_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
            var info = new ProcessStartInfo(Path.Combine(bin, "pgbench"),
                ["-n", "-c", Clients.ToString(), "-j", "2", "-T", ((int)duration.TotalSeconds).ToString(), "-f", script,
                 "-h", cs.Host!, "-p", cs.Port.ToString(), "-U", cs.Username!, cs.Database!]) { RedirectStandardOutput = true, RedirectStandardError = true };
            // The private cluster asks every client for its password (ops/pg uses SCRAM).
            if (cs.Password is { Length: > 0 } password) info.Environment["PGPASSWORD"] = password;
            using var pgbench = Process.Start(info)!;
            var output = await pgbench.StandardOutput.ReadToEndAsync();
            var errors = await pgbench.StandardError.ReadToEndAsync();
            await pgbench.WaitForExitAsync();
            var tps = System.Text.RegularExpressions.Regex.Match(output, @"tps = ([0-9.]+)");
            return pgbench.ExitCode == 0 && tps.Success
                ? double.Parse(tps.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"pgbench failed ({pgbench.ExitCode}): {output}{errors}");
        }
        finally { File.Delete(script); }
    }

    /// <summary>What a Marten user gets: one event per SaveChanges from <see cref="Clients"/> writers, each on its own
    /// stream, with Marten's Quick append and the ledger's metadata columns, in a schema of its own.</summary>
    public static async Task<double> MartenOwnAppendsPerSecond(NpgsqlDataSource db, TimeSpan duration)
    {
        var options = MartenEvents.Options(db, Ledger.Serialization.EventTypes.Ledger);
        options.DatabaseSchemaName = "bench_marten";
        options.Events.DatabaseSchemaName = "bench_marten";
        options.AutoCreateSchemaObjects = JasperFx.AutoCreate.CreateOrUpdate;
        await using var marten = new Marten.DocumentStore(options);
        await marten.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        return await RunClients(duration, async (client, n) =>
        {
            await using var session = marten.LightweightSession();
            session.Events.Append($"marten-{run}-{client}", new FigureRevised("sohr:killed:syrian-army", new AtLeastValue(n), null, $"revision {n}", null));
            await session.SaveChangesAsync();
        });
    }

    public static async Task<(double PerSecond, double MeanBatch)> GrainAppendsPerSecond(NpgsqlDataSource db, TimeSpan duration, bool groupCommit, int inFlight = 1)
    {
        await using var store = new MartenEventStore(db, new EventStoreOptions { GroupCommit = groupCommit, MaxInFlight = inFlight });
        await using var silo = await BenchSilo.StartAsync(store, db.ConnectionString);
        var host = silo.Grains;
        var run = Guid.NewGuid().ToString("N")[..8];
        var meta = new CommandMetadata("bench");
        for (var c = 0; c < Clients; c++)
            await host.GetGrain<IIncidentGrain>($"bench-{run}-{c}").Handle(new ReportIncident($"bench-{run}-{c}", "Benchmark incident",
                new Occurrence(new DateOnly(2021, 6, 1)), new Location("SY", "sy09"), "ambush", Figures: [new ReportFigure(
                    SourceRef.Of("sohr", SourceKind.Monitor), FigureCategory.Killed, "syrian-army", PartyClass.StateForces,
                    new AtLeastValue(1), Certainty.Reported)]), meta);
        var rate = await RunClients(duration, async (client, n) =>
        {
            var outcome = await host.GetGrain<IIncidentGrain>($"bench-{run}-{client}")
                .Handle(new ReviseFigure("sohr:killed:syrian-army", new AtLeastValue(n), $"revision {n}"), meta);
            if (outcome.Status != CommandStatus.Accepted) throw new InvalidOperationException(outcome.Error?.ToString());
        });
        return (rate, store.MeanBatchSize);
    }

    private static string Payload(int n) => $$"""{"figureId": "sohr:killed:syrian-army", "value": {"kind": "atLeast", "value": {{n}}}, "reason": "revision {{n}}"}""";

    /// <summary>Runs <see cref="Clients"/> loops for the duration after a short warm-up; operations per second.</summary>
    private static async Task<double> RunClients(TimeSpan duration, Func<int, int, Task> operation)
    {
        for (var c = 0; c < Clients; c++) await operation(c, c); // warm-up: pools, JIT
        long done = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            for (var n = Clients; stop.Elapsed < duration; n++)
            {
                await operation(c, n);
                Interlocked.Increment(ref done);
            }
        })));
        return done / stop.Elapsed.TotalSeconds;
    }
}
