using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Ledger.IntegrationTests;

/// <summary>The README's tour, run as printed against a real `ledger serve` process with the sample data.</summary>
public sealed partial class TourTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Every_tour_command_in_the_readme_works_as_printed()
    {
        var root = Testing.Checkout.Root;
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        var block = TourBlock().Match(readme).Groups[1].Value;
        var commands = block.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("curl") || l.StartsWith("ops/ledger")).ToList();
        commands.Should().HaveCountGreaterThanOrEqualTo(10);

        var port = Ledger.Testing.FreePorts.Next();
        var env = new Dictionary<string, string>
        {
            ["LEDGER_DB"] = db.ConnectionString, ["LEDGER_URLS"] = $"http://127.0.0.1:{port}", ["LEDGER_SAMPLE"] = "1",
            ["LEDGER_ADMIN_KEY"] = "tour-admin-key-7Hq2Lx9Vb4Nw8Rt3",
            ["LEDGER_SILO_PORT"] = Ledger.Testing.FreePorts.Next().ToString(), ["LEDGER_GATEWAY_PORT"] = "0",
            // The tour runs here at machine speed, a heavy read every few milliseconds; a person reads between commands,
            // and the default 2 a second per address serves them.
            ["Ledger__AnonymousHeavyReadsPerSecond"] = "50",
        };
        using var server = Start(Path.Combine(root, "ops", "ledger"), "serve", root, env);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitReady(http, server);
            var outputs = new Dictionary<string, string>();
            foreach (var command in commands)
            {
                // curl's own status line, not the body's text, says whether the request succeeded.
                var run = command.Replace("http://127.0.0.1:5080", $"http://127.0.0.1:{port}");
                if (run.StartsWith("curl", StringComparison.Ordinal)) run += " -w '\nHTTP_STATUS=%{http_code}'";
                var (code, output) = await Bash(run, root, env);
                code.Should().Be(0, $"{command}\n{output}");
                output.Should().NotBeNullOrWhiteSpace(command);
                outputs[command] = output;
                // What the README says each command shows, it shows (a command that answers 200 with the wrong thing fails).
                foreach (var (starts, shows) in Shows)
                    if (command.Contains(starts, StringComparison.Ordinal))
                        foreach (var text in shows) output.Should().Contain(text, $"{command} is said to show it");
                if (run.StartsWith("curl", StringComparison.Ordinal))
                    int.Parse(StatusLine().Match(output).Groups[1].Value).Should().BeInRange(200, 299, $"{command}\n{output}");
            }
            // claims=exclude leaves Amaq's twenty at Al-Sukhna out of Homs (34 becomes 14); as of position 60 is not the present.
            string Out(string part) => outputs.Single(o => o.Key.Contains(part, StringComparison.Ordinal)).Value;
            long HomsBest(string output) => System.Text.Json.JsonDocument.Parse(output[..output.LastIndexOf("HTTP_STATUS", StringComparison.Ordinal)])
                .RootElement.GetProperty("rows").EnumerateArray().Single(r => r.TryGetProperty("admin1", out var a) && a.GetString() == "sy04").GetProperty("best").GetInt64();
            HomsBest(Out("groupBy=admin1&category=killed'")).Should().Be(34);
            HomsBest(Out("category=killed&claims=exclude")).Should().Be(14);
            Out("asOfPosition=60").Should().Contain("\"asOfPosition\":60").And.NotBe(Out("groupBy=admin1&category=killed'"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task WaitReady(HttpClient http, Process server)
    {
        for (var i = 0; i < 240; i++)
        {
            if (server.HasExited) throw new InvalidOperationException("ledger serve exited: " + await server.StandardError.ReadToEndAsync());
            // As ops/up waits: ready, and the read models have projected the sample (readiness alone allows some lag).
            try
            {
                var ready = await http.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK && (await ready.Content.ReadAsStringAsync()).Contains("\"projectionLag\":0")) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("ledger serve did not become ready");
    }

    /// <summary>What the README's tour says each command shows: a part of the command, and texts its output holds.</summary>
    private static readonly (string Command, string[] Shows)[] Shows =
    [
        ("region=badiya&groupBy=admin1,partyClass", ["\"partyClass\":\"state-forces\"", "\"admin1\":\"sy04\""]),
        ("perpetrator=isis&category=killed&q=sukhna", ["sukhna-capture-2019-10-01"]),
        ("incidents/palmyra-bus-2024-01-09'", ["\"reconciled\"", "\"text\":\"9 January 2024\""]),
        ("balad-pmf-2020-05-02/history", ["FigureReported", "\"certainty\":\"claimed\""]),
        ("regions/badiya/figures", ["570", "\"incidentTally\""]),
        ("events?after=0&limit=5", ["\"head\":", "\"lastPosition\":5"]),
        ("tallies.csv?groupBy=admin1,partyClass", ["#adm1+code", "SY04"]),
        ("groupBy=country&category=killed&from=2020-06-01", ["\"straddling\":2"]),
        ("figures.csv?perpetrator=Daesh", ["#meta+quote", "palmyra-bus-2024-01-09", "current"]),
        ("/api/drafts", ["\"party\":\"pmf\"", "\"importLines\""]),
        ("/disputes", ["disputeId"]),
        ("POST 'http://127.0.0.1:5080/api/actors'", ["\"id\":\"ansar-allah\"", "الحوثيون"]),
        ("api/actors/Houthis", ["\"id\":\"ansar-allah\"", "\"reason\":\"a group the sample does not know\""]),
        ("regions/YE-AD/aliases", ["\"regionId\":\"ye-ad\"", "عدن"]),
        ("country=Yemen&groupBy=admin1,perpetrator", ["\"country\":\"YE\"", "\"admin1\":\"ye-ad\"", "\"perpetrator\":\"ansar-allah\"", "\"best\":7"]),
        ("ops/ledger tallies", ["SY04"]),
        ("ops/ledger history", ["FigureReported"]),
        ("ops/ledger verify", ["ok"]),
        ("ops/ledger draft", ["\"command\":\"reportIncident\"", "\"party\":\"pmf\""]),
    ];

    private static Process Start(string file, string args, string cwd, Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo(file, args) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env) info.Environment[k] = v;
        var p = Process.Start(info)!;
        p.OutputDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        return p;
    }

    private static async Task<(int Code, string Output)> Bash(string command, string cwd, Dictionary<string, string> env)
    {
        var info = new ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env) info.Environment[k] = v;
        using var p = Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        var error = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, output + error);
    }


    [GeneratedRegex(@"HTTP_STATUS=(\d{3})\s*$")]
    private static partial Regex StatusLine();

    [GeneratedRegex("<!-- tour -->\\s*```sh(.*?)```", RegexOptions.Singleline)]
    private static partial Regex TourBlock();
}
