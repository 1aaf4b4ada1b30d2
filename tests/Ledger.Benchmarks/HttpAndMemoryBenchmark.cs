using System.Diagnostics;
using System.Net;
using System.Text;
using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Server.Hosting;
using Npgsql;

namespace Ledger.Benchmarks;

public static class HttpAndMemoryBenchmark
{
    /// <summary>Figure revisions POSTed through a real Kestrel server by 32 concurrent clients (client and server
    /// share the machine's 2 cores). Returns accepted writes per second.</summary>
    /// <summary>HTTP appends per second, and the projection lag under them: for each head sampled every 50 ms, how long
    /// until every projection's progress reached it (p99, in ms).</summary>
    public static async Task<(double Rate, double LagP99)> HttpAppendsAsync(string connectionString, TimeSpan duration) =>
        (await HttpAppendsAndVisibilityAsync(connectionString, duration)) is var r ? (r.Rate, r.LagP99) : default;

    /// <summary>As <see cref="HttpAppendsAsync"/>, after measuring on the idle ledger how long each of 40 writes takes,
    /// from its answer, until every projection has applied it (what a tally shows): p50 and p99 in ms.</summary>
    public static async Task<(double Rate, double LagP99, double VisibleP50, double VisibleP99)> HttpAppendsAndVisibilityAsync(string connectionString, TimeSpan duration)
    {
        var port = Ledger.Testing.FreePorts.Next();
        Environment.SetEnvironmentVariable("LEDGER_DB", connectionString);
        Environment.SetEnvironmentVariable("LEDGER_ADMIN_KEY", "bench-admin-key-7Hq2Lx9Vb4Nw8Rt3");
        var app = LedgerApp.Build(["--Ledger:WritesPerSecond=0", "--Serilog:MinimumLevel:Default=Warning"]);
        app.Urls.Clear();
        app.Urls.Add($"http://127.0.0.1:{port}");
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Add("X-Api-Key", "bench-admin-key-7Hq2Lx9Vb4Nw8Rt3");
            var run = Guid.NewGuid().ToString("N")[..6];
            for (var c = 0; c < AppendBenchmark.Clients; c++)
                (await http.PostAsync("/api/incidents", Json($$"""
                    {"id": "http-{{run}}-{{c}}", "title": "t", "occurred": {"date": "2021-06-01"}, "location": {"country": "SY", "admin1": "sy09"}, "type": "ied",
                     "figures": [{"source": "sohr", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "exact", "value": 1}, "certainty": "reported"}]}
                    """))).EnsureSuccessStatusCode();
            await using var probe = Npgsql.NpgsqlDataSource.Create(connectionString);
            async Task<(long Head, long Projected)> Progress()
            {
                await using var cmd = probe.CreateCommand(
                    "SELECT (SELECT coalesce(max(seq_id), 0) FROM ledger.mt_events), (SELECT coalesce(min(last_seq_id), 0) FROM ledger.mt_event_progression WHERE name LIKE '%:All')");
                await using var r = await cmd.ExecuteReaderAsync();
                await r.ReadAsync();
                return (r.GetInt64(0), r.GetInt64(1));
            }
            // The appends measured before ran without a daemon: let it catch up first, so the lag is the load's own.
            for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromMinutes(10); await Task.Delay(200))
                if (await Progress() is var (head, projected) && projected >= head) break;
            // Write to visible, idle: one write at a time, a pause between (the daemon goes back to waiting for a commit).
            var visible = new List<double>();
            for (var w = 0; w < 40; w++)
            {
                await Task.Delay(150);
                var write = await http.PostAsync($"/api/incidents/http-{run}-0/figures/sohr:killed:syrian-army/revisions",
                    Json($$"""{"value": {"kind": "atLeast", "value": {{1000 + w}}}, "reason": "visibility {{w}}"}"""));
                var answered = Stopwatch.StartNew();
                var position = long.Parse(write.Headers.GetValues("X-Ledger-Position").Single(), System.Globalization.CultureInfo.InvariantCulture);
                while ((await Progress()).Projected < position && answered.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(2);
                visible.Add(answered.Elapsed.TotalMilliseconds);
            }
            visible.Sort();
            var (visibleP50, visibleP99) = (visible[visible.Count / 2], visible[^1]);
            long done = 0;
            var clock = Stopwatch.StartNew();
            var samples = new List<(double At, long Head, long Projected)>();
            var sampling = Task.Run(async () =>
            {
                // Until the load ends and the projections have reached its last head (at most a minute more).
                while (clock.Elapsed < duration || (clock.Elapsed < duration + TimeSpan.FromMinutes(1) && samples[^1].Projected < samples[^1].Head))
                {
                    var (head, projected) = await Progress();
                    samples.Add((clock.Elapsed.TotalMilliseconds, head, projected));
                    await Task.Delay(50);
                }
            });
            await Task.WhenAll(Enumerable.Range(0, AppendBenchmark.Clients).Select(c => Task.Run(async () =>
            {
                for (var n = 0; clock.Elapsed < duration; n++)
                {
                    var response = await http.PostAsync($"/api/incidents/http-{run}-{c}/figures/sohr:killed:syrian-army/revisions",
                        Json($$"""{"value": {"kind": "atLeast", "value": {{n}}}, "reason": "revision {{n}}"}"""));
                    if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
                    Interlocked.Increment(ref done);
                }
            })));
            var rate = done / clock.Elapsed.TotalSeconds;
            await sampling;
            // A head seen at t is projected at the first later sample whose progress reaches it.
            var lags = new List<double>();
            for (var i = 0; i < samples.Count; i++)
            {
                if (samples[i].At > duration.TotalMilliseconds) break;
                var j = i;
                while (j < samples.Count && samples[j].Projected < samples[i].Head) j++;
                // Never reached within the minute after the load: count the time it was still waiting (a lower bound).
                lags.Add((j < samples.Count ? samples[j].At : samples[^1].At) - samples[i].At);
            }
            lags.Sort();
            return (rate, lags.Count == 0 ? 0 : lags[Math.Min(lags.Count - 1, (int)(lags.Count * 0.99))], visibleP50, visibleP99);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Runs <see cref="MemoryAsync"/> in a new process of this benchmark (the generated log and the other
    /// measurements stay out of its working set) and reads its numbers.</summary>
    public static async Task<(double Before, double Peak, double After)> MemoryInFreshProcessAsync(string connection, int incidents)
    {
        var self = System.Reflection.Assembly.GetEntryAssembly()!.Location;
        var info = new ProcessStartInfo("dotnet", [self, "--memory", incidents.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true, Environment = { ["LEDGER_BENCH_DB"] = connection },
        };
        using var child = Process.Start(info)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("memory ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"the memory process printed no result ({child.ExitCode}): {output}");
        var parts = line.Split(' ');
        double At(int i) => double.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture);
        return (At(2), At(3), At(4));
    }

    /// <summary>Working set (MB) before activating, at the peak with every incident active, and after idle deactivation.</summary>
    public static async Task<(double Before, double Peak, double After)> MemoryAsync(NpgsqlDataSource db, IReadOnlyList<string> incidents)
    {
        await using var store = new MartenEventStore(db);
        await using var silo = await BenchSilo.StartAsync(store, db.ConnectionString);
        var host = silo.Grains;
        var before = WorkingSetMb();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < incidents.Count) await host.GetGrain<IIncidentGrain>(incidents[i]).GetState();
        })));
        var active = await silo.Management.GetTotalActivationCount();
        if (active < incidents.Count) throw new InvalidOperationException($"only {active} activations");
        var peak = WorkingSetMb();
        await silo.Management.ForceActivationCollection(TimeSpan.Zero);
        var after = WorkingSetMb();
        return (before, peak, after);
    }

    private static double WorkingSetMb()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var p = Process.GetCurrentProcess();
        return p.WorkingSet64 / 1048576.0;
    }

    private static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");
}
