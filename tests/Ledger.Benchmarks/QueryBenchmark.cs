using System.Diagnostics;
using Ledger.Projections;
using Ledger.Reconciliation;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>Tallies as an analyst's page asks for them: every groupBy combination of the contract with the common
/// filters, claims included and excluded, current and as of random positions and times; beside a naive
/// aggregation over the raw events (figures joined to their incident's report).</summary>
public static class QueryBenchmark
{
    public sealed record Latency(double P50, double P99);

    public sealed record Results(Latency Current, Latency AsOfPosition, Latency AsOfTime, Latency Naive, int Shapes,
        Latency ListCurrent, Latency ListAsOf);

    /// <summary>Incident-list pages as the list page asks for them: the newest, a governorate, a range of dates, a type.</summary>
    private static readonly IncidentListFilter[] ListFilters =
    [
        new(), new() { Admin1 = ["sy09"] }, new() { From = new DateOnly(2021, 3, 1), To = new DateOnly(2021, 5, 31) },
        new() { Country = "SY", Disputed = false }, new() { Category = FigureCategory.Killed, Admin1 = ["sy11"] },
    ];

    private static readonly TallyDimension[][] GroupBys =
    [
        [], [TallyDimension.Admin1], [TallyDimension.Month], [TallyDimension.Year], [TallyDimension.PartyClass],
        [TallyDimension.Admin1, TallyDimension.Month], [TallyDimension.Admin1, TallyDimension.Year],
        [TallyDimension.Admin1, TallyDimension.PartyClass], [TallyDimension.Month, TallyDimension.PartyClass],
        [TallyDimension.Admin1, TallyDimension.Month, TallyDimension.PartyClass],
        [TallyDimension.Admin1, TallyDimension.Month, TallyDimension.PartyClass, TallyDimension.Category],
    ];

    private static readonly TallyFilter[] Filters =
    [
        new(),
        new() { Country = "SY" },
        new() { Admin1 = ["sy09", "sy11", "sy08"] },
        new() { From = new DateOnly(2021, 2, 10), To = new DateOnly(2021, 8, 20) },
        new() { From = new DateOnly(2021, 3, 1), To = new DateOnly(2021, 5, 31) },
        new() { Category = FigureCategory.Killed },
        new() { PartyClass = PartyClass.Civilians },
        new() { Country = "SY", Admin1 = ["sy09"], From = new DateOnly(2021, 6, 1), To = new DateOnly(2021, 6, 15), Category = FigureCategory.Killed },
    ];

    /// <summary>Every groupBy with every filter, claims included and excluded.</summary>
    public static IReadOnlyList<(TallyFilter Filter, TallyDimension[] GroupBy)> Shapes { get; } =
        [.. from g in GroupBys from f in Filters from claims in new[] { false, true } select (f with { ExcludeClaims = claims }, g)];

    public static async Task<Results> RunAsync(NpgsqlDataSource db, int iterations, bool naive = true)
    {
        var tallies = new TallyQueries(db);
        long head;
        DateTimeOffset first, last;
        await using (var cmd = db.CreateCommand("SELECT max(position), min(recorded_at), max(recorded_at) FROM ledger.events"))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            await r.ReadAsync();
            (head, first, last) = (r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2));
        }
        var random = new Random(7);
        // Every shape once, then random shapes up to the count. Each iteration asks
        // the same shape now, as of a position and as of a time, one after the other, so that the ratios compare
        // the same shapes under the same load (a vacuum or a checkpoint in the middle of the run falls on all three).
        var n = Math.Max(iterations, Shapes.Count);
        var picked = Enumerable.Range(0, n).Select(k => k < Shapes.Count ? k : random.Next(Shapes.Count)).ToArray();
        (TallyFilter Filter, TallyDimension[] GroupBy) Shape(int k) => Shapes[picked[k]];
        var span = (last - first).Ticks;
        var tallied = await MeasureSideBySide(n,
            k => { var (f, g) = Shape(k); return tallies.TalliesAsync(f, g); },
            k => { var (f, g) = Shape(k); return tallies.TalliesAsync(f with { AsOfPosition = random.NextInt64(1, head) }, g); },
            k => { var (f, g) = Shape(k); return tallies.TalliesAsync(f with { AsOf = first.AddTicks((long)(random.NextDouble() * span)) }, g); });
        var raw = naive ? await Measure(Math.Max(5, iterations / 10), async _ =>
        {
            await using var cmd = db.CreateCommand("""
                SELECT i.data->'location'->>'admin1', substr(i.data->'occurred'->>'date', 1, 7),
                       sum(coalesce((f.data->'value'->>'value')::int, (f.data->'value'->>'low')::int, 0))
                FROM ledger.events f JOIN ledger.events i ON i.stream_id = f.stream_id AND i.version = 1
                WHERE f.type = 'FigureReported'
                GROUP BY 1, 2
                """);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) { }
        }) : new Latency(0, 0);
        var incidents = new IncidentQueries(db);
        var listed = await MeasureSideBySide(n,
            k => incidents.ListAsync(ListFilters[k % ListFilters.Length], null, 50),
            k => incidents.ListAsync(ListFilters[k % ListFilters.Length] with { AsOfPosition = random.NextInt64(1, head) }, null, 50));
        return new Results(tallied[0], tallied[1], tallied[2], raw, Shapes.Count, listed[0], listed[1]);
    }

    /// <summary>The shapes that take longest as of a position, each the worst of five random positions.</summary>
    public static async Task<List<(double Ms, string Shape)>> SlowestAsync(NpgsqlDataSource db, int count)
    {
        var tallies = new TallyQueries(db);
        await using var cmd = db.CreateCommand("SELECT max(position) FROM ledger.events");
        var head = (long)(await cmd.ExecuteScalarAsync())!;
        var random = new Random(11);
        var timed = new List<(double, string)>();
        foreach (var (f, g) in Shapes)
        {
            var (worst, at) = (0.0, 0L);
            for (var i = 0; i < 5; i++)
            {
                var position = random.NextInt64(1, head);
                var clock = Stopwatch.StartNew();
                await tallies.TalliesAsync(f with { AsOfPosition = position }, g);
                if (clock.Elapsed.TotalMilliseconds > worst) (worst, at) = (clock.Elapsed.TotalMilliseconds, position);
            }
            timed.Add((worst, $"at {at}: groupBy [{string.Join(",", g)}] country {f.Country} admin1 [{string.Join(",", f.Admin1 ?? [])}] {f.From}..{f.To} {f.Category} {f.PartyClass} claims={(f.ExcludeClaims ? "exclude" : "include")}"));
        }
        return [.. timed.OrderByDescending(t => t.Item1).Take(count)];
    }

    /// <summary>Some queries, each run <paramref name="n"/> times, in turn within each iteration.</summary>
    private static async Task<Latency[]> MeasureSideBySide(int n, params Func<int, Task>[] queries)
    {
        // Warm-up: the measured pass once before (the same shapes, other random points), so that what is measured is a
        // server's steady state, not the first reads of versions that the load evicted from PostgreSQL's buffers
        // (on a 1M ledger just projected, the first pass's as-of p99 was 27.5 ms, the next runs' 16-17 ms).
        for (var i = 0; i < n; i++)
            foreach (var query in queries) await query(i);
        var times = queries.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < n; i++)
        {
            for (var q = 0; q < queries.Length; q++)
            {
                var clock = Stopwatch.StartNew();
                await queries[q](i);
                times[q].Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return [.. times.Select(Percentiles)];
    }

    private static Latency Percentiles(List<double> times)
    {
        times.Sort();
        return new Latency(times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.99) - 1)]);
    }

    private static async Task<Latency> Measure(int n, Func<int, Task> query)
    {
        for (var i = 0; i < 3; i++) await query(-1); // warm-up
        var times = new List<double>();
        for (var i = 0; i < n; i++)
        {
            var clock = Stopwatch.StartNew();
            await query(i);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Percentiles(times);
    }
}
