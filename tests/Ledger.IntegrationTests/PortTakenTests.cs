using System.Net;
using System.Net.Sockets;

namespace Ledger.IntegrationTests;

/// <summary>docs/CONTRACT.md §4: a port that is taken stops the node at once, with one line naming the port and the
/// setting that moves it (not a stack trace after half a minute of retries).</summary>
public sealed class PortTakenTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_taken_http_or_silo_port_stops_serve_with_one_line_naming_it_and_its_setting()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var http = await LedgerProcess.ServeUntilExitAsync(db.ConnectionString, new Dictionary<string, string> { ["LEDGER_URLS"] = $"http://127.0.0.1:{port}" });
        http.Code.Should().Be(2);
        http.Error.Split('\n').Should().ContainSingle().Which.Should().Contain($"port {port}").And.Contain("LEDGER_URLS");
        http.Took.Should().BeLessThan(TimeSpan.FromSeconds(20), "it stops at once, not after retries");

        var silo = await LedgerProcess.ServeUntilExitAsync(db.ConnectionString, new Dictionary<string, string> { ["LEDGER_SILO_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        silo.Code.Should().Be(2);
        silo.Error.Split('\n').Should().ContainSingle().Which.Should().Contain($"silo port {port}").And.Contain("LEDGER_SILO_PORT");
    }
}
