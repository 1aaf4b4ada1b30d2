namespace Ledger.IntegrationTests;

/// <summary>`ledger verify --read-models`: the runtime role may write the read models (they are rebuilt from the log),
/// so a tally multiplied by 100 would be served while every hash chain still verifies. The audit folds the log again
/// and names each row served otherwise.</summary>
public sealed class ReadModelAuditTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static readonly string[] Lines =
    [
        """{"command":"registerSource","id":"s1","sourceId":"audit-monitor","name":"Audit Monitor","kind":"monitor"}""",
        """{"command":"registerSource","id":"s2","sourceId":"audit-claims","name":"Audit Claims","kind":"armed-group"}""",
        """{"command":"reportIncident","id":"i1","incidentId":"audit-a","title":"Ambush near Mayadin","occurred":{"date":"2024-02-03"},"location":{"country":"SY","admin1":"sy09"},"type":"ambush","figures":[{"source":"audit-monitor","category":"killed","party":"syrian-army","partyClass":"state-forces","value":{"kind":"atLeast","value":7},"certainty":"reported"},{"source":"audit-claims","category":"killed","party":"syrian-army","partyClass":"state-forces","value":{"kind":"exact","value":20},"certainty":"claimed"}]}""",
        """{"command":"reviseFigure","id":"r1","incidentId":"audit-a","figureId":"audit-monitor:killed:syrian-army","value":{"kind":"range","low":9,"high":12},"reason":"recount"}""",
        """{"command":"reportIncident","id":"i2","incidentId":"audit-b","title":"Shelling of a village","occurred":{"date":"2024-02-01","precision":"month"},"location":{"country":"SY","admin1":"sy07"},"type":"shelling","figures":[{"source":"audit-monitor","category":"injured","party":"civilians","partyClass":"civilians","value":{"kind":"unquantified","text":"numerous"},"certainty":"reported"}]}""",
    ];

    [Fact]
    public async Task A_tally_or_an_incident_rewritten_in_the_read_models_is_named_and_fails_the_audit()
    {
        var file = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllLinesAsync(file, Lines);
        var (imported, importOutput) = await LedgerCommand.RunAsync(db.ConnectionString, "import", file);
        imported.Should().Be(0, importOutput);

        var (code, output) = await LedgerCommand.RunAsync(db.ConnectionString, "verify", "--read-models");
        code.Should().Be(0, output);
        output.Should().Contain("ok: the read models serve what the log says").And.Contain("2 incidents").And.Contain("2 sources");

        // What the re-test did: tallies times 100, as the runtime role may.
        await db.ExecuteAsync("UPDATE projections.tally_cells SET best = best * 100, low = low * 100 WHERE admin1 = 'sy09'");
        (code, output) = await LedgerCommand.RunAsync(db.ConnectionString, "verify", "--read-models");
        code.Should().Be(1);
        output.Should().Contain("READ MODEL MISMATCH").And.Contain("tallies SY/sy09/-/state-forces/killed: the log says low 9, best 10");

        // An incident's stored state that says another number, in the present's rows.
        await db.ExecuteAsync("UPDATE projections.incidents SET state = replace(state, '\"low\":9', '\"low\":90') WHERE incident_id = 'audit-a'");
        (code, output) = await LedgerCommand.RunAsync(db.ConnectionString, "verify", "--read-models");
        code.Should().Be(1);
        output.Should().Contain("incidents audit-a:");

        // A rebuild makes the read models the fold of the log again.
        (await LedgerCommand.RunAsync(db.ConnectionString, "rebuild")).Code.Should().Be(0);
        (code, output) = await LedgerCommand.RunAsync(db.ConnectionString, "verify", "--read-models");
        code.Should().Be(0, output);
        File.Delete(file);
    }
}
