using System.Diagnostics;
using Ledger.EventStore;

namespace Ledger.IntegrationTests;

/// <summary>The `ledger` command line as a real process: verify finds tampering; an import killed with -9
/// and run again applies every line exactly once, and its projections equal a rebuild.</summary>
public sealed class CliTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private Task<(int Code, string Output)> Ledger(params string[] args) => LedgerCommand.RunAsync(db.ConnectionString, args);

    private Process Start(params string[] args) => LedgerCommand.Start(db.ConnectionString, args);

    [Theory]
    [InlineData("unknown command 'improt' (did you mean 'import'?)", "improt", "x.ndjson")]
    // --version used to clear the line's errors: this printed the version and exited 0.
    [InlineData("unknown command 'import-ucpd' (did you mean 'import'?)", "import-ucpd", "x.csv", "--version", "25.1")]
    [InlineData("import: unknown option '--all-or-nothin' (did you mean '--all-or-nothing'?)", "import", "--all-or-nothin", "x.ndjson")]
    [InlineData("import: unknown option '--bogus'", "import", "--bogus", "x.ndjson")]
    [InlineData("tallies: unexpected argument 'extra'", "tallies", "extra")]
    [InlineData("--version option cannot be combined with other arguments", "--version", "tallies")]
    public async Task An_unknown_command_or_option_is_refused_in_one_line_naming_it_and_the_closest(string says, params string[] args)
    {
        var (code, output) = await Ledger(args);
        code.Should().Be(2, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(output).Which.Should().Contain(says);
    }

    [Fact]
    public async Task Verify_names_a_tampered_event_with_its_stream_and_version_and_fails()
    {
        await using var store = new MartenEventStore(db.DataSource);
        var stream = $"incident-cli-{Guid.NewGuid():N}";
        await store.AppendAsync(Events.Append(stream, 0, Events.Make(), Events.Make(), Events.Make()));
        // Before the tamper, no chain is broken (another test of this class may leave a gap: a killed import's).
        (await Ledger("verify")).Output.Should().NotContain($"{stream} version");
        await db.RewriteAsOwnerAsync($"""UPDATE ledger.mt_events SET data = '{"{"}"n": -1{"}"}' WHERE stream_id = '{stream}' AND version = 2""");
        var (code, output) = await Ledger("verify");
        code.Should().Be(1);
        output.Should().Contain("BROKEN").And.Contain($"{stream} version 2");
    }

    [Fact]
    public async Task Verify_against_a_signed_checkpoint_fails_after_an_owner_deletes_a_stream_that_plain_verify_accepts()
    {
        await using var store = new MartenEventStore(db.DataSource);
        var stream = $"incident-cp-{Guid.NewGuid():N}";
        await store.AppendAsync(Events.Append(stream, 0, Events.Make(), Events.Make()));
        var dir = Directory.CreateTempSubdirectory("ledger-cp-").FullName;
        var key = Path.Combine(dir, "checkpoint.pem");
        (await Ledger("checkpoint-key", key)).Code.Should().Be(0);
        var (signed, json) = await Ledger("checkpoint", "--key", key);
        signed.Should().Be(0, json);
        var checkpoint = Path.Combine(dir, "checkpoint.json");
        await File.WriteAllTextAsync(checkpoint, json);
        // (Another test of this class tampers a stream of its own: the exit code is that one's; the checkpoint's line is ours.)
        var ok = await Ledger("verify", "--against", checkpoint, "--public-key", key + ".pub");
        ok.Output.Should().Contain("are the ones signed").And.NotContain("MISMATCH");

        await db.RewriteAsOwnerAsync($"DELETE FROM ledger.mt_events WHERE stream_id = '{stream}'; DELETE FROM ledger.mt_streams WHERE id = '{stream}'");
        (await Ledger("verify")).Output.Should().NotContain(stream, "every remaining stream is whole");
        var (code, output) = await Ledger("verify", "--against", checkpoint, "--public-key", key + ".pub");
        code.Should().Be(1);
        output.Should().Contain("CHECKPOINT MISMATCH");
        (await Ledger("verify", "--against", Path.Combine(dir, "missing.json"), "--public-key", key + ".pub")).Code.Should().Be(2, "an unreadable checkpoint is bad input");
    }

    [Fact]
    public async Task Verify_against_a_checkpoint_needs_the_published_key_and_refuses_one_signed_by_another()
    {
        var dir = Directory.CreateTempSubdirectory("ledger-cp-").FullName;
        var (mine, forger) = (Path.Combine(dir, "ledger.pem"), Path.Combine(dir, "forger.pem"));
        (await Ledger("checkpoint-key", mine)).Code.Should().Be(0);
        (await Ledger("checkpoint-key", forger)).Code.Should().Be(0);
        var forged = Path.Combine(dir, "forged.json");
        await File.WriteAllTextAsync(forged, (await Ledger("checkpoint", "--key", forger)).Output);

        var (code, output) = await Ledger("verify", "--against", forged);
        code.Should().Be(2, "without the published key a checkpoint proves nothing: anyone can sign one");
        output.Should().Contain("--public-key");
        (code, output) = await Ledger("verify", "--against", forged, "--public-key", mine + ".pub");
        code.Should().Be(1);
        output.Should().Contain("CHECKPOINT MISMATCH").And.Contain("not signed by the given key");
    }

    [Fact]
    public async Task An_import_killed_mid_file_and_run_again_applies_every_line_once()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crash-{Guid.NewGuid():N}.ndjson");
        var lines = new List<string> { """{"command":"registerSource","id":"src","sourceId":"crash-src","name":"Crash Source","kind":"monitor"}""" };
        for (var i = 0; i < 30_000; i++)
            lines.Add($$"""{"command":"reportIncident","id":"c{{i}}","incidentId":"crash-{{i}}","title":"t","occurred":{"date":"2022-03-04"},"location":{"country":"SY","admin1":"sy09"},"type":"ied","figures":[{"source":"crash-src","category":"killed","party":"sdf","partyClass":"non-state-armed-groups","value":{"kind":"exact","value":{{i % 7}}},"certainty":"reported"}]}""");
        await File.WriteAllLinesAsync(file, lines);
        var before = await db.ScalarAsync("SELECT coalesce(max(seq_id), 0) FROM ledger.mt_events");
        try
        {
            using (var first = Start("import", file))
            {
                // Kill it once it has stored something but before it can finish.
                for (var i = 0; i < 600 && await db.ScalarAsync("SELECT count(*) FROM ledger.mt_streams WHERE id LIKE 'incident-crash-%'") == 0; i++)
                    await Task.Delay(50);
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }
            var partial = await db.ScalarAsync("SELECT count(*) FROM ledger.mt_streams WHERE id LIKE 'incident-crash-%'");
            partial.Should().BeGreaterThan(0).And.BeLessThan(30_000, "the import was killed part way");

            var (code, output) = await Ledger("import", file);
            code.Should().Be(0, output);
            (await db.ScalarAsync("SELECT count(*) FROM ledger.events WHERE stream_id LIKE 'incident-crash-%'")).Should().Be(60_000, "every line once: a report and a figure");
            (await db.ScalarAsync("SELECT count(DISTINCT causation_id) FROM ledger.events WHERE stream_id LIKE 'incident-crash-%'")).Should().Be(30_000);

            var live = await db.ScalarAsync("SELECT coalesce(sum(best), 0) FROM projections.tally_contributions WHERE valid_to IS NULL AND incident_id LIKE 'crash-%'");
            (await Ledger("rebuild")).Code.Should().Be(0);
            (await db.ScalarAsync("SELECT coalesce(sum(best), 0) FROM projections.tally_contributions WHERE valid_to IS NULL AND incident_id LIKE 'crash-%'"))
                .Should().Be(live).And.Be(Enumerable.Range(0, 30_000).Sum(i => (long)(i % 7)));
            // Every chain holds; the killed writer could not record the positions it had been given, so verify names
            // them, as it names what a deletion leaves (only a checkpoint signed before tells the two apart).
            var verify = await Ledger("verify", "--json");
            var report = System.Text.Json.JsonDocument.Parse(verify.Output).RootElement;
            report.GetProperty("broken").GetArrayLength().Should().Be(0, verify.Output);
            report.GetProperty("gaps").EnumerateArray().Where(g => g.GetProperty("first").GetInt64() <= before).Should().BeEmpty("only the killed import's: " + verify.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("case-src")]
    [InlineData("CASE-SRC")]
    [InlineData(" Case-Src ")]
    public async Task An_import_line_names_a_source_in_any_case_as_the_api_does(string written)
    {
        var incident = "case-" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(Path.GetTempPath(), $"case-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllLinesAsync(file,
        [
            """{"command":"registerSource","id":"cs","sourceId":"case-src","name":"Case Source","kind":"monitor"}""",
            $$"""{"command":"reportIncident","id":"{{incident}}","incidentId":"{{incident}}","title":"t","occurred":{"date":"2022-03-04"},"location":{"country":"SY","admin1":"sy09"},"type":"ied","figures":[{"source":"{{written}}","category":"killed","party":"sdf","partyClass":"non-state-armed-groups","value":{"kind":"exact","value":3},"certainty":"reported"}]}""",
        ]);
        var (code, output) = await Ledger("import", file);
        File.Delete(file);
        code.Should().Be(0, output);
        (await db.ScalarAsync($"SELECT count(*) FROM ledger.events WHERE stream_id = 'incident-{incident}' AND data ->> 'source' = 'case-src'"))
            .Should().Be(1, "the figure names the registered source by its id");
    }
    [Theory]
    [InlineData(false, "{\"command\": \"reportIncident\", \"id\": \"x\"", 0, "line 1: not valid JSON: the line ends before its JSON does", "nothing was stored: the first line is the bad one")]
    [InlineData(false, "{\"command\": \"registerSource\", \"id\": \"m1\", \"sourceId\": \"msg-src\", \"name\": \"M\", \"kind\": \"monitor\"}\n{\"command\": \"nope\", \"id\": \"m2\"}", 1, "line 2: command: unknown command \"nope\"", "1 line before line 2 stored")]
    [InlineData(true, "{\"command\": \"registerSource\", \"id\": \"m3\", \"sourceId\": \"msg-src-2\", \"name\": \"M\", \"kind\": \"monitor\"}\n{\"command\": \"nope\", \"id\": \"m4\"}", 0, "line 2: command: unknown command \"nope\"", "nothing was stored (--all-or-nothing)")]
    public async Task Import_messages_name_the_line_and_field_in_the_ledgers_words_and_count_what_was_stored(bool allOrNothing, string lines, int stored, string error, string summary)
    {
        var file = Path.Combine(Path.GetTempPath(), $"msg-{Guid.NewGuid():N}.ndjson");
        await File.WriteAllTextAsync(file, lines);
        var before = await db.ScalarAsync("SELECT count(*) FROM ledger.events WHERE correlation_id = 'import'");
        var (code, output) = allOrNothing ? await Ledger("import", file, "--all-or-nothing") : await Ledger("import", file);
        File.Delete(file);
        code.Should().Be(2, output);
        output.Should().Contain(error).And.Contain(summary).And.NotContain("applied").And.NotContain("LineNumber").And.NotContain("reader options");
        (await db.ScalarAsync("SELECT count(*) FROM ledger.events WHERE correlation_id = 'import'") - before).Should().Be(stored);
    }
}
