using System.Diagnostics;

namespace Ledger.IntegrationTests;

/// <summary>`ledger history` as a real process, on a database of its own (CliTests writes raw test events that
/// are no incident's).</summary>
public sealed class CliHistoryTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private async Task<(int Code, string Output)> Ledger(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ledger.dll"), .. args])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["LEDGER_DB"] = db.ConnectionString;
        using var p = Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, output);
    }

    [Fact]
    public async Task History_shows_certainty_who_disputed_the_counter_value_and_the_outcome()
    {
        var file = Path.Combine(Path.GetTempPath(), $"history-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllLinesAsync(file, [
            """{"command":"registerSource","id":"h1","sourceId":"amaq-h","name":"Amaq","kind":"armed-group"}""",
            """{"command":"registerSource","id":"h0","sourceId":"sohr","name":"Syrian Observatory for Human Rights","kind":"monitor"}""",
            """{"command":"reportIncident","id":"h2","incidentId":"sukhna-h","title":"Attack at Al-Sukhna","occurred":{"date":"2017-06-05"},"location":{"country":"SY","admin1":"Homs"},"type":"attack","figures":[{"source":"amaq-h","category":"killed","party":"syrian-army","partyClass":"state-forces","value":{"kind":"exact","value":20},"certainty":"reported"}]}""",
            """{"command":"disputeFigure","id":"h3","incidentId":"sukhna-h","figureId":"amaq-h:killed:syrian-army","disputedBy":"sohr","reason":"SOHR counts fewer","counterValue":{"kind":"atLeast","value":7}}""",
            """{"command":"resolveDispute","id":"h4","incidentId":"sukhna-h","disputeId":"d1","outcome":"upheld","note":"no list of names"}""",
        ]);
        try
        {
            var import = await Ledger("import", file);
            import.Code.Should().Be(0, import.Output);
            var (code, output) = await Ledger("history", "sukhna-h");
            code.Should().Be(0, output);
            output.Should().Contain("certainty").And.Contain("disputed by").And.Contain("counter value").And.Contain("outcome");
            var disputed = output.Split('\n').Single(l => l.Contains("FigureDisputed"));
            disputed.Should().Contain("sohr").And.Contain("at least 7").And.Contain("claimed", "Amaq is an armed group: its figures are claims");
            output.Split('\n').Single(l => l.Contains("DisputeResolved")).Should().Contain("upheld");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
