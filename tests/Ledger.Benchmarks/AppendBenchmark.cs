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
/// transactions from 32 clients into a table of the events table's shape.
/// </summary>
public static class AppendBenchmark
{
    public const int Clients = 32;

    public static async Task<double> RawInsertsPerSecond(NpgsqlDataSource db, TimeSpan duration)
    {
        await using (var create = db.CreateCommand("""
            DROP TABLE IF EXISTS bench_raw_events;
            CREATE TABLE bench_raw_events (LIKE ledger.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
            CREATE SEQUENCE IF NOT EXISTS bench_raw_position;
            """)) await create.ExecuteNonQueryAsync();
        const string insert = """
            INSERT INTO bench_raw_events (position, event_id, stream_id, version, type, data, recorded_at, recorded_by, hash)
            VALUES (nextval('bench_raw_position'), $1, $2, $3, 'FigureRevised', $4::jsonb, now(), 'bench', $5)
            """;
        var hash = new byte[32];
        return await RunClients(duration, async (client, n) =>
        {
            await using var cmd = db.CreateCommand(insert);
            cmd.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = $"raw-{client}" });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (long)n + 1 });
            cmd.Parameters.Add(new NpgsqlParameter { Value = Payload(n) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = hash });
            await cmd.ExecuteNonQueryAsync();
        });
    }

    /// <summary>pgbench (PostgreSQL's own C client) running single-row INSERT transactions into a table of the events
    /// table's shape from <see cref="Clients"/> connections: the ceiling one client per transaction reaches here.</summary>
    public static async Task<double> PgbenchInsertsPerSecond(NpgsqlDataSource db, string connectionString, TimeSpan duration)
    {
        await using (var create = db.CreateCommand("""
            DROP TABLE IF EXISTS bench_pgbench_events;
            CREATE TABLE bench_pgbench_events (LIKE ledger.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
            CREATE SEQUENCE IF NOT EXISTS bench_pgbench_position;
            """)) await create.ExecuteNonQueryAsync();
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, """
            \set n random(1, 1000000000)
            INSERT INTO bench_pgbench_events (position, event_id, stream_id, version, type, data, recorded_at, recorded_by, hash) VALUES (nextval('bench_pgbench_position'), gen_random_uuid(), 'pgbench-' || :client_id, nextval('bench_pgbench_position'), 'FigureRevised', ('{"figureId": "sohr:killed:syrian-army", "value": {"kind": "atLeast", "value": ' || :n || '}, "reason": "revision ' || :n || '"}')::jsonb, now(), 'bench', sha256(:n::text::bytea));

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

    public static async Task<(double PerSecond, double MeanBatch)> GrainAppendsPerSecond(NpgsqlDataSource db, TimeSpan duration, bool groupCommit)
    {
        await using var store = new MartenEventStore(db, new EventStoreOptions { GroupCommit = groupCommit });
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
