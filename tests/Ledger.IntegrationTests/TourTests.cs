using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Ledger.IntegrationTests;

/// <summary>The README's tour, run as printed against a real `ledger serve` process with the sample data.</summary>
public sealed partial class TourTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Every_tour_command_in_the_readme_works_as_printed()
    {
        var root = Root();
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        var block = TourBlock().Match(readme).Groups[1].Value;
        var commands = block.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("curl") || l.StartsWith("ops/ledger")).ToList();
        commands.Should().HaveCountGreaterThanOrEqualTo(10);

        var port = FreePort();
        var env = new Dictionary<string, string>
        {
            ["LEDGER_DB"] = db.ConnectionString, ["LEDGER_URLS"] = $"http://127.0.0.1:{port}", ["LEDGER_SAMPLE"] = "1",
            ["LEDGER_ADMIN_KEY"] = "tour-admin-key-123",
            ["LEDGER_SILO_PORT"] = LedgerNode.FreePort().ToString(), ["LEDGER_GATEWAY_PORT"] = "0",
        };
        using var server = Start(Path.Combine(root, "ops", "ledger"), "serve", root, env);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitReady(http, server);
            foreach (var command in commands)
            {
                // curl's own status line, not the body's text, says whether the request succeeded.
                var run = command.Replace("http://127.0.0.1:5080", $"http://127.0.0.1:{port}");
                if (run.StartsWith("curl", StringComparison.Ordinal)) run += " -w '\nHTTP_STATUS=%{http_code}'";
                var (code, output) = await Bash(run, root, env);
                code.Should().Be(0, $"{command}\n{output}");
                output.Should().NotBeNullOrWhiteSpace(command);
                if (run.StartsWith("curl", StringComparison.Ordinal))
                    int.Parse(StatusLine().Match(output).Groups[1].Value).Should().BeInRange(200, 299, $"{command}\n{output}");
            }
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
            try { if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return; } catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException("ledger serve did not become ready");
    }

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

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ledger.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }

    [GeneratedRegex(@"HTTP_STATUS=(\d{3})\s*$")]
    private static partial Regex StatusLine();

    [GeneratedRegex("<!-- tour -->\\s*```sh(.*?)```", RegexOptions.Singleline)]
    private static partial Regex TourBlock();
}
