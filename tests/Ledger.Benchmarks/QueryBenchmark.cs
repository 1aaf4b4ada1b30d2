using System.Diagnostics;
using Ledger.Projections;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>Province x month tallies, current and as of random positions, against a naive aggregation over the
/// raw events (figures joined to their incident's report).</summary>
public static class QueryBenchmark
{
    public sealed record Latency(double P50, double P99);

    public static async Task<(Latency Current, Latency AsOf, Latency Naive)> RunAsync(NpgsqlDataSource db, int iterations)
    {
        var tallies = new TallyQueries(db);
        var groupBy = new[] { TallyDimension.Admin1, TallyDimension.Month };
        long head;
        await using (var cmd = db.CreateCommand("SELECT max(position) FROM ledger.events")) head = (long)(await cmd.ExecuteScalarAsync())!;
        var random = new Random(7);
        var current = await Measure(iterations, () => tallies.TalliesAsync(new TallyFilter(), groupBy));
        var asOf = await Measure(iterations, () => tallies.TalliesAsync(new TallyFilter { AsOfPosition = random.NextInt64(1, head) }, groupBy));
        var naive = await Measure(Math.Max(5, iterations / 10), async () =>
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
        });
        return (current, asOf, naive);
    }

    private static async Task<Latency> Measure(int n, Func<Task> query)
    {
        for (var i = 0; i < 3; i++) await query(); // warm-up
        var times = new List<double>();
        for (var i = 0; i < n; i++)
        {
            var clock = Stopwatch.StartNew();
            await query();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Latency(times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.99) - 1)]);
    }
}
