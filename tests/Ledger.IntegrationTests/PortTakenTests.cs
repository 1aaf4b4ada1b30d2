using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ledger.IntegrationTests;

/// <summary>docs/CONTRACT.md §4: a port that is taken stops the node at once, with one line naming the port and the
/// setting that moves it (not a stack trace after half a minute of retries).</summary>
public sealed class PortTakenTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static async Task<(int Code, string Error, TimeSpan Took)> ServeAsync(string db, int httpPort, int siloPort)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ledger.dll"), "serve"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["LEDGER_DB"] = db;
        info.Environment["LEDGER_URLS"] = $"http://127.0.0.1:{httpPort}";
        info.Environment["LEDGER_SILO_PORT"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(cts.Token); }
        finally { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        await output;
        return (process.ExitCode, (await error).Trim(), clock.Elapsed);
    }

    [Fact]
    public async Task A_taken_http_or_silo_port_stops_serve_with_one_line_naming_it_and_its_setting()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var http = await ServeAsync(db.ConnectionString, port, LedgerNode.FreePort());
        http.Code.Should().Be(2);
        http.Error.Split('\n').Should().ContainSingle().Which.Should().Contain($"port {port}").And.Contain("LEDGER_URLS");
        http.Took.Should().BeLessThan(TimeSpan.FromSeconds(20), "it stops at once, not after retries");

        var silo = await ServeAsync(db.ConnectionString, LedgerNode.FreePort(), port);
        silo.Code.Should().Be(2);
        silo.Error.Split('\n').Should().ContainSingle().Which.Should().Contain($"silo port {port}").And.Contain("LEDGER_SILO_PORT");
    }
}
