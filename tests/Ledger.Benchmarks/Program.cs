using System.Globalization;
using System.Text.Json;
using Ledger.Benchmarks;
using Ledger.EventStore;
using Npgsql;

// ops/bench runs this on a fresh database of the private cluster: LEDGER_BENCH_DB names it.
var quick = args.Contains("--quick");
var connection = Environment.GetEnvironmentVariable("LEDGER_BENCH_DB")
    ?? throw new InvalidOperationException("LEDGER_BENCH_DB is not set: run ops/bench");
var duration = TimeSpan.FromSeconds(quick ? 5 : 20);

var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = 100 }.ConnectionString);
await using var db = builder.Build();
await SchemaMigrator.MigrateAsync(db);

var rows = new List<BenchRow>();
var targetEvents = quick ? 100_000 : 1_000_000;
var (lines, incidents) = SyntheticLedger.Generate(targetEvents);
Console.WriteLine($"generated {lines.Count} NDJSON lines for {incidents.Count} incidents");
var (imported, importedEvents) = await ImportBenchmark.ImportAsync(db, lines);
var copied = await ImportBenchmark.CopyAsync(db);
rows.Add(new BenchRow($"import ({importedEvents:N0} events) vs binary COPY of the same rows", "events/s", imported, copied, 0.6, true));
var rebuilt = await ImportBenchmark.RebuildAsync(db);
var rawRead = await ImportBenchmark.RawReadAsync(db);
rows.Add(new BenchRow("projection rebuild from zero vs raw sequential read", "events/s", rebuilt, rawRead, 0.3, true));
Console.WriteLine(string.Join(Environment.NewLine, rows.Select(r => $"  {r.Name}: {r.Ours:F0} vs {r.Baseline:F0} = {r.Ratio:F2}")));

var raw = await AppendBenchmark.RawInsertsPerSecond(db, duration);
var (grouped, meanBatch) = await AppendBenchmark.GrainAppendsPerSecond(db, duration, groupCommit: true);
var (single, _) = await AppendBenchmark.GrainAppendsPerSecond(db, duration, groupCommit: false);
rows.Add(new BenchRow($"grain appends, {AppendBenchmark.Clients} incidents, group commit (mean batch {meanBatch:F1})", "events/s", grouped, raw, 1.0, true));
rows.Add(new BenchRow($"grain appends, {AppendBenchmark.Clients} incidents, one transaction per append", "events/s", single, raw, 0, true));

Console.WriteLine($"{"benchmark",-72} {"unit",-9} {"ours",10} {"raw PG",10} {"ratio",7} {"goal",6}");
foreach (var r in rows)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Name,-72} {r.Unit,-9} {r.Ours,10:F0} {r.Baseline,10:F0} {r.Ratio,7:F2} {(r.Goal > 0 ? (r.MeetsGoal ? "met" : "MISSED") : "-"),6}"));

var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
var json = JsonSerializer.Serialize(new
{
    machine,
    rows = rows.Select(r => new { name = r.Name, unit = r.Unit, ours = Math.Round(r.Ours, 1), baseline = Math.Round(r.Baseline, 1), ratio = Math.Round(r.Ratio, 3), goal = r.Goal, higherIsBetter = r.HigherIsBetter }),
}, new JsonSerializerOptions { WriteIndented = true });
var output = Environment.GetEnvironmentVariable("LEDGER_BENCH_OUT") ?? "bench-results.json";
await File.WriteAllTextAsync(output, json);
Console.WriteLine($"wrote {output}");
