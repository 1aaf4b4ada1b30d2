using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
    public static async Task<double> HttpAppendsAsync(string connectionString, TimeSpan duration)
    {
        var port = FreePort();
        Environment.SetEnvironmentVariable("LEDGER_DB", connectionString);
        Environment.SetEnvironmentVariable("LEDGER_ADMIN_KEY", "bench-admin-key-1");
        var app = LedgerApp.Build(["--Ledger:WritesPerSecond=0", "--Serilog:MinimumLevel:Default=Warning"]);
        app.Urls.Clear();
        app.Urls.Add($"http://127.0.0.1:{port}");
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Add("X-Api-Key", "bench-admin-key-1");
            var run = Guid.NewGuid().ToString("N")[..6];
            for (var c = 0; c < AppendBenchmark.Clients; c++)
                (await http.PostAsync("/api/incidents", Json($$"""
                    {"id": "http-{{run}}-{{c}}", "title": "t", "occurred": {"date": "2021-06-01"}, "location": {"country": "SY", "admin1": "sy09"}, "type": "ied",
                     "figures": [{"source": "sohr", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "exact", "value": 1}, "certainty": "reported"}]}
                    """))).EnsureSuccessStatusCode();
            long done = 0;
            var clock = Stopwatch.StartNew();
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
            return done / clock.Elapsed.TotalSeconds;
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

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
