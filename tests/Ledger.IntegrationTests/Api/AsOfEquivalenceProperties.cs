using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Ledger.EventStore;
using Ledger.Import;
using Ledger.Incidents;
using Npgsql;

namespace Ledger.IntegrationTests.Api;

/// <summary>
/// docs/CONTRACT.md §1: for random logs and random points P, every read as of P (tallies, the incident list, each
/// incident and its history, regional figures, every export) answers what the same read of the present answers on a
/// ledger that holds only the events up to P: a copy of the log's rows up to P, on a server of its own.
/// </summary>
public sealed class AsOfEquivalenceProperties(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static int _cases;

    [Fact]
    public void Every_read_as_of_a_point_equals_the_present_of_a_ledger_cut_at_that_point()
    {
        var cases = 0;
        var logs = from steps in ProjectionProperties.Logs().Generator
                   from cut in Gen.Choose(0, 1000)
                   select (steps, cut);
        Prop.ForAll(logs.ToArbitrary(), c => { RunCaseAsync(c.steps, c.cut).GetAwaiter().GetResult(); cases++; })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(6));
        cases.Should().Be(6);
    }

    private async Task RunCaseAsync((int Incident, Func<string, IncidentCommand> Make)[] steps, int cut)
    {
        var prefix = $"eq{Interlocked.Increment(ref _cases)}";
        var ids = Enumerable.Range(0, 3).Select(i => $"{prefix}-i{i}").ToArray();
        await using var store = new MartenEventStore(api.Database.DataSource);
        var session = new ImportSession(store, "coder");
        var places = new[] { "sy01", "sy02", "sy09" };
        for (var i = 0; i < ids.Length; i++)
            await session.IncidentAsync(Guid.NewGuid().ToString("N"), new ReportIncident(ids[i], $"Incident {i}", new Occurrence(new DateOnly(2023, 5, 1 + i)),
                new Location("SY", places[i]), "ambush"), ids[i]);
        await session.FlushAsync();
        var first = await store.HeadPositionAsync();
        foreach (var (incident, make) in steps)
        {
            await session.IncidentAsync(Guid.NewGuid().ToString("N"), make(prefix), ids[incident]);
            await session.FlushAsync();
        }
        var head = await store.HeadPositionAsync();
        // A point inside the case: after its reports, up to its last event.
        var point = first + cut % (head - first + 1);

        await using var cutDb = new PostgresDatabase();
        await cutDb.InitializeAsync();
        await CopyUpToAsync(api.Database.DataSource, cutDb.DataSource, point);
        await using var cutServer = ApiFixture.ServerOn(cutDb.ConnectionString);
        using var present = cutServer.CreateClient();
        using var past = api.Client();

        var reads = new List<string>
        {
            "/api/tallies?groupBy=admin1,partyClass", "/api/tallies?groupBy=month&from=2023-05-10&to=2023-06-30", "/api/tallies?category=killed&claims=exclude",
            "/api/incidents?limit=500&includeRetracted=true", "/api/incidents?country=SY&limit=500", "/api/incidents?disputed=true&limit=500",
            "/api/incidents?contested=false&category=killed&limit=500", $"/api/incidents?updatedAfter={first}&limit=500",
            "/api/regions/sy/figures",
            "/api/exports/incidents.csv?bom=false", "/api/exports/figures.csv?bom=false", "/api/exports/tallies.csv?groupBy=admin1&bom=false",
        };
        foreach (var id in ids) reads.AddRange([$"/api/incidents/{id}", $"/api/incidents/{id}/history"]);

        foreach (var read in reads)
        {
            var join = read.Contains('?') ? '&' : '?';
            var then = await past.GetAsync($"{read}{join}asOfPosition={point}&minPosition={head}");
            var now = await present.GetAsync($"{read}{join}minPosition={point}");
            var what = $"{read} at {point} (case {prefix}, head {head})";
            then.StatusCode.Should().Be(now.StatusCode, what);
            if (!then.IsSuccessStatusCode) continue;
            var thenText = await then.Content.ReadAsStringAsync();
            var nowText = await now.Content.ReadAsStringAsync();
            if (read.Contains(".csv"))
            {
                // The as-of export cites its point in a first row; the rest is the cut ledger's export, byte for byte.
                thenText.Should().StartWith($"asOfPosition,{point},recordedAt,", what);
                thenText[(thenText.IndexOf("\r\n", StringComparison.Ordinal) + 2)..].Should().Be(nowText, what);
            }
            else Unpointed(thenText).Should().Be(Unpointed(nowText), what);
        }
    }

    /// <summary>The answer without the fields that name the point it shows (a read of the present names none).</summary>
    private static string Unpointed(string json)
    {
        var node = JsonNode.Parse(json)!;
        if (node is JsonObject o) { o.Remove("asOfPosition"); o.Remove("asOfTime"); }
        return node.ToJsonString();
    }

    /// <summary>The log's rows up to <paramref name="point"/>, as they are (ids, times, hashes), and each stream at its
    /// version then; the sequence continues from the point.</summary>
    private static async Task CopyUpToAsync(NpgsqlDataSource from, NpgsqlDataSource to, long point)
    {
        await using var source = await from.OpenConnectionAsync();
        await using var target = await to.OpenConnectionAsync();
        var columns = new List<string>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'ledger' AND table_name = 'mt_streams' ORDER BY ordinal_position", source))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) columns.Add(r.GetString(0));
        var streams = string.Join(", ", columns.Select(c => c == "version"
            ? $"(SELECT max(e.version) FROM ledger.mt_events e WHERE e.stream_id = s.id AND e.seq_id <= {point}) AS version" : $"s.{c}"));
        await Copy($"SELECT {streams} FROM ledger.mt_streams s WHERE EXISTS (SELECT 1 FROM ledger.mt_events e WHERE e.stream_id = s.id AND e.seq_id <= {point})",
            "ledger.mt_streams");
        // A restore of the log, as an owner makes one: its events keep the positions they were given, which no
        // allocation of this database gave them (the trigger that requires one is off for the copy alone).
        await using (var off = new NpgsqlCommand("ALTER TABLE ledger.mt_events DISABLE TRIGGER events_allocated", target)) await off.ExecuteNonQueryAsync();
        await Copy($"SELECT * FROM ledger.mt_events WHERE seq_id <= {point} ORDER BY seq_id", "ledger.mt_events");
        await using (var on = new NpgsqlCommand("ALTER TABLE ledger.mt_events ENABLE TRIGGER events_allocated", target)) await on.ExecuteNonQueryAsync();
        await using (var seq = new NpgsqlCommand($"SELECT setval('ledger.mt_events_sequence', {point})", target)) await seq.ExecuteNonQueryAsync();

        async Task Copy(string select, string table)
        {
            await using var reader = await source.BeginRawBinaryCopyAsync($"COPY ({select}) TO STDOUT (FORMAT binary)");
            await using var writer = await target.BeginRawBinaryCopyAsync($"COPY {table} FROM STDIN (FORMAT binary)");
            await reader.CopyToAsync(writer);
        }
    }
}
