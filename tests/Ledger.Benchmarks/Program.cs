using System.Globalization;
using System.Text.Json;
using Ledger.Benchmarks;
using Ledger.EventStore;
using Npgsql;

// ops/bench runs this on a fresh database of the private cluster: LEDGER_BENCH_DB names it.
var quick = args.Contains("--quick");
if (args.Contains("--ndjson"))
{
    // The synthetic log as a file for `ledger import`, e.g. to profile an import: --ndjson PATH EVENTS
    var at = Array.IndexOf(args, "--ndjson");
    var (generated, _) = SyntheticLedger.Generate(int.Parse(args[at + 2], CultureInfo.InvariantCulture));
    await File.WriteAllLinesAsync(args[at + 1], generated);
    return 0;
}
if (args.Contains("--drafting"))
{
    // Drafting needs no database: precision and recall on the annotated set, and how long a 10 kB article takes.
    DraftingBenchmark.Run();
    return 0;
}
var connection = Environment.GetEnvironmentVariable("LEDGER_BENCH_DB")
    ?? throw new InvalidOperationException("LEDGER_BENCH_DB is not set: run ops/bench");
var duration = TimeSpan.FromSeconds(quick ? 5 : 20);
var started = DateTime.UtcNow;

if (args.Contains("--memory"))
{
    // A fresh process: nothing of the generated log or the other benchmarks in its working set.
    var count = int.Parse(args[Array.IndexOf(args, "--memory") + 1], CultureInfo.InvariantCulture);
    await using var memoryDb = NpgsqlDataSource.Create(connection);
    var ids = new List<string>();
    await using (var cmd = memoryDb.CreateCommand("SELECT substr(id, 10) FROM ledger.mt_streams WHERE id LIKE 'incident-%' ORDER BY id LIMIT $1"))
    {
        cmd.Parameters.Add(new NpgsqlParameter { Value = count });
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
    }
    var (b, p, a) = await HttpAndMemoryBenchmark.MemoryAsync(memoryDb, ids);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"memory {ids.Count} {b:F1} {p:F1} {a:F1}"));
    return 0;
}

await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = 100 }.ConnectionString);
await SchemaMigrator.MigrateAsync(db);

if (args.Contains("--tallies"))
{
    // Only the tally queries, on a ledger already there (LEDGER_BENCH_KEEP=1 keeps one): for a closer look at them.
    var t = await QueryBenchmark.RunAsync(db, quick ? 100 : 400, naive: false);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"current p50 {t.Current.P50:F1} p99 {t.Current.P99:F1}; as of a position p50 {t.AsOfPosition.P50:F1} p99 {t.AsOfPosition.P99:F1}; as of a time p50 {t.AsOfTime.P50:F1} p99 {t.AsOfTime.P99:F1} (ms)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"incident list now p50 {t.ListCurrent.P50:F1} p99 {t.ListCurrent.P99:F1}; as of a position p50 {t.ListAsOf.P50:F1} p99 {t.ListAsOf.P99:F1} (ms)"));
    foreach (var (ms, shape) in await QueryBenchmark.SlowestAsync(db, 8)) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ms,7:F1} ms as of {shape}"));
    return 0;
}
if (args.Contains("--rebuild"))
{
    // Only the rebuild, Marten's replay into a projection that writes nothing, and the raw read, on a kept ledger.
    var (fromZero, ceiling, sequential) = (await ImportBenchmark.RebuildAsync(db), await ImportBenchmark.LoaderCeilingAsync(db), await ImportBenchmark.RawReadAsync(db));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"rebuild {fromZero:F0} events/s ({fromZero / sequential:F3}x); Marten's replay into nothing {ceiling:F0} events/s ({ceiling / sequential:F3}x); raw read {sequential:F0} events/s"));
    return 0;
}
if (args.Contains("--lag"))
{
    // Only the HTTP appends and the projection lag under them, on a ledger already there: for a closer look at the lag.
    var (rate, lag) = await HttpAndMemoryBenchmark.HttpAppendsAsync(connection, duration);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HTTP appends {rate:F0} writes/s; projection lag p99 {lag:F0} ms"));
    return 0;
}
var rows = new List<BenchRow>();
void Step(string what) => Console.WriteLine($"[{(DateTime.UtcNow - started).TotalSeconds,5:F0} s] {what}");

var targetEvents = quick ? 100_000 : 1_000_000;
var (lines, incidents) = SyntheticLedger.Generate(targetEvents);
// The generator is sequential: the lines for a tenth of the events are a prefix of these. Tallies are measured
// there first, so that the same queries at a tenth of the log and at all of it compare in one run.
var tenth = SyntheticLedger.Generate(targetEvents / 10).Lines.Count;
Step($"generated {lines.Count:N0} NDJSON lines for {incidents.Count:N0} incidents");
var (firstPart, firstEvents, firstSeconds) = await ImportBenchmark.ImportAsync(db, lines[..tenth]);
await ImportBenchmark.RebuildAsync(db);
var small = await QueryBenchmark.RunAsync(db, quick ? 100 : 400, naive: false);
Step($"queries measured at {firstEvents:N0} events");
var (_, restEvents, restSeconds) = await ImportBenchmark.ImportAsync(db, lines[tenth..]);
var importedEvents = firstEvents + restEvents;
var imported = importedEvents / (firstSeconds + restSeconds);
var copied = await ImportBenchmark.CopyAsync(db);
rows.Add(new BenchRow($"import ({importedEvents:N0} events) vs binary COPY of the same rows into a table of mt_events' shape", "events/s", imported, copied, 0.5, true));
var copiedWithStreams = await ImportBenchmark.CopyAsync(db, withStreams: true);
rows.Add(new BenchRow($"import vs binary COPY of the same mt_streams and mt_events rows, with Marten's foreign key", "events/s", imported, copiedWithStreams, 0, true));
Step("import measured");
var (gedRate, ownRate, gedEvents) = await ForeignImportBenchmark.RunAsync(db, quick ? 3_000 : 20_000);
rows.Add(new BenchRow($"UCDP GED import (ledger import-ucdp, {gedEvents:N0} events: reading, checking and translating the CSV included) vs the same events as our own import lines",
    "events/s", gedRate, ownRate, 0.8, true));
Step("GED import measured");
var rebuilt = await ImportBenchmark.RebuildAsync(db);
var rawRead = await ImportBenchmark.RawReadAsync(db);
rows.Add(new BenchRow("projection rebuild from zero vs raw sequential read", "events/s", rebuilt, rawRead, 0.3, true));
// Where a rebuild's ceiling lies: Marten's daemon paging and deserializing every event for a projection that does nothing.
rows.Add(new BenchRow("Marten's daemon replaying the log into a projection that writes nothing vs raw sequential read", "events/s",
    await ImportBenchmark.LoaderCeilingAsync(db), rawRead, 0, true));
Step("rebuild measured");

var q = await QueryBenchmark.RunAsync(db, quick ? 100 : 400);
var shapes = $"{q.Shapes} shapes";
// The baseline is named for what it computes: a GROUP BY over raw events that sums each figure's first value,
// without revisions, reconciliation or as-of, sampled a tenth as often (each run takes seconds at 1M events).
rows.Add(new BenchRow($"tally, current, {shapes} (p50 {q.Current.P50:F1} ms) vs raw-event GROUP BY of first values", "p99 ms", q.Current.P99, q.Naive.P99, 10, false));
rows.Add(new BenchRow($"tally, as of a position, {shapes} (p50 {q.AsOfPosition.P50:F1} ms) vs the same GROUP BY", "p99 ms", q.AsOfPosition.P99, q.Naive.P99, 50, false));
rows.Add(new BenchRow($"tally, as of a time, {shapes} (p50 {q.AsOfTime.P50:F1} ms) vs the same GROUP BY", "p99 ms", q.AsOfTime.P99, q.Naive.P99, 50, false));
// docs/CONTRACT.md §1: a read as of a point stays within 2x of the same read of the present.
rows.Add(new BenchRow($"tally as of a random position vs the same {shapes} now (p50 {q.AsOfPosition.P50:F1} vs {q.Current.P50:F1} ms)", "p99 ms",
    q.AsOfPosition.P99, q.Current.P99, 2, false, GoalOnRatio: true));
rows.Add(new BenchRow($"incident list page (50) as of a random position vs now (p50 {q.ListAsOf.P50:F1} vs {q.ListCurrent.P50:F1} ms)", "p99 ms",
    q.ListAsOf.P99, q.ListCurrent.P99, 2, false, GoalOnRatio: true));
rows.Add(new BenchRow($"tally p99 at {importedEvents:N0} events vs at {firstEvents:N0} (current {small.Current.P99:F1} ms, as-of {small.AsOfPosition.P99:F1} ms then)",
    "p99 ms", Math.Max(q.Current.P99, q.AsOfPosition.P99), Math.Max(small.Current.P99, small.AsOfPosition.P99), 1.5, false, GoalOnRatio: true));
Step("queries measured");

var pgbench = await AppendBenchmark.PgbenchInsertsPerSecond(db, connection, duration);
var raw = await AppendBenchmark.RawInsertsPerSecond(db, duration);
var (grouped, meanBatch) = await AppendBenchmark.GrainAppendsPerSecond(db, duration, groupCommit: true);
var (single, _) = await AppendBenchmark.GrainAppendsPerSecond(db, duration, groupCommit: false);
var martenOwn = await AppendBenchmark.MartenOwnAppendsPerSecond(db, duration);
rows.Add(new BenchRow($"grain appends through Orleans, {AppendBenchmark.Clients} incidents, group commit (mean batch {meanBatch:F1}) vs pgbench INSERTs into a table of mt_events' shape, {AppendBenchmark.Clients} clients",
    "events/s", grouped, pgbench, 0.8, true));
rows.Add(new BenchRow($"Marten's own append, one event per SaveChanges, {AppendBenchmark.Clients} writers vs pgbench", "events/s", martenOwn, pgbench, 0, true));
rows.Add(new BenchRow($"grain appends with group commit vs Marten's own append (the line above)", "events/s", grouped, martenOwn, 4.0, true));
foreach (var inFlight in new[] { 2, 4 })
{
    var (overlapped, overlappedBatch) = await AppendBenchmark.GrainAppendsPerSecond(db, duration, groupCommit: true, inFlight);
    rows.Add(new BenchRow($"grain appends, group commit with {inFlight} transactions in flight (mean batch {overlappedBatch:F1}) vs pgbench", "events/s", overlapped, pgbench, 0, true));
}
rows.Add(new BenchRow($"grain appends through Orleans, {AppendBenchmark.Clients} incidents, one transaction per append vs pgbench", "events/s", single, pgbench, 0, true));
rows.Add(new BenchRow($"single-row INSERTs from {AppendBenchmark.Clients} Npgsql clients (our client library) vs pgbench", "rows/s", raw, pgbench, 0, true));
var (http, lagP99, visibleP50, visibleP99) = await HttpAndMemoryBenchmark.HttpAppendsAndVisibilityAsync(connection, duration);
// Goal (issue 48): on an idle ledger a write shows in the tallies within tens of milliseconds; p99 at most 100 ms.
rows.Add(new BenchRow($"write to visible in the tallies on an idle ledger, 40 writes (p50 {visibleP50:F0} ms), p99 vs 100 ms", "p99 ms", visibleP99, 100, 100, false));
rows.Add(new BenchRow($"HTTP appends, {AppendBenchmark.Clients} clients (client and server share 2 cores) vs pgbench", "writes/s", http, pgbench, 0, true));
// Goal: the read models follow the writes within a second (issue 25); the baseline is that second.
rows.Add(new BenchRow($"projection lag under those HTTP appends (Marten's daemon), p99 vs 1 s", "p99 ms", lagP99, 1000, 1000, false));
Step("appends measured");

var activations = quick ? 10_000 : 100_000;
var (before, peak, after) = await HttpAndMemoryBenchmark.MemoryInFreshProcessAsync(connection, activations);
rows.Add(new BenchRow($"working set of a fresh process with {activations:N0} incidents active vs before (after deactivating them: {after:F0} MB)", "MB", peak, before, 0, false));
Step("memory measured");

Console.WriteLine();
Console.WriteLine($"{"benchmark",-118} {"unit",-9} {"ours",10} {"raw PG",10} {"ratio",7} {"goal",8}");
foreach (var r in rows)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Name,-118} {r.Unit,-9} {r.Ours,10:F1} {r.Baseline,10:F1} {r.Ratio,7:F2} {(r.Goal > 0 ? (r.MeetsGoal ? "met" : "MISSED") : "-"),8}"));
Console.WriteLine("ratio: ours / raw PG for rates; raw PG / ours for latencies; for the row at two sizes, larger / smaller (goal: at most).");

var machine = $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
var json = JsonSerializer.Serialize(new
{
    machine,
    mode = quick ? "quick" : "full",
    rows = rows.Select(r => new { name = r.Name, unit = r.Unit, ours = Math.Round(r.Ours, 2), baseline = Math.Round(r.Baseline, 2), ratio = Math.Round(r.Ratio, 3), goal = r.Goal, higherIsBetter = r.HigherIsBetter, goalOnRatio = r.GoalOnRatio, met = r.Goal > 0 ? r.MeetsGoal : (bool?)null }),
}, new JsonSerializerOptions { WriteIndented = true });
var output = Environment.GetEnvironmentVariable("LEDGER_BENCH_OUT") ?? "bench-results.json";
await File.WriteAllTextAsync(output, json);
Console.WriteLine($"wrote {output} in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
return 0;
