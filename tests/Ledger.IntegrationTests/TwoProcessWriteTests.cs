using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.IntegrationTests;

/// <summary>Writers whose commands conflict in meaning, through two `ledger serve` processes on one database:
/// the store's expected-version check is all that stands between them and a lost or doubled write.</summary>
public sealed class TwoProcessWriteTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static HttpRequestMessage Post(string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task Many_writers_reporting_one_new_figure_get_one_201_and_409s_and_increments_read_from_the_value_lose_nothing()
    {
        await using var a = await LedgerProcess.StartAsync(db.ConnectionString);
        await using var b = await LedgerProcess.StartAsync(db.ConnectionString);
        var nodes = new[] { a, b };
        (await a.Api.PostAsJsonAsync("/api/sources", new { id = "monitor-x", name = "Monitor X", kind = "monitor" })).EnsureSuccessStatusCode();
        var created = await b.Api.PostAsJsonAsync("/api/incidents", new
        {
            id = "contested-bus", title = "Bus attack", occurred = new { date = "2024-01-09" }, location = new { country = "SY", admin1 = "Homs" }, type = "ambush",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created);

        // Sixteen writers, eight through each process, report the same new figure with different numbers: one wins.
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => nodes[i % 2].Api.SendAsync(Post("/api/incidents/contested-bus/figures",
            new { source = "monitor-x", category = "killed", party = "syrian-army", partyClass = "state-forces", value = new { kind = "exact", value = 100 + i }, certainty = "reported" }))));
        answers.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        answers.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(15);
        var reported = await db.ScalarAsync("SELECT count(*) FROM ledger.events WHERE stream_id = 'incident-contested-bus' AND type = 'FigureReported'");
        reported.Should().Be(1);

        // Each writer adds one to the figure as it reads it, with If-Match on the version it read; on 412 it reads
        // again. No increment may be lost: the final value is the first plus every acknowledged increment.
        var start = await Current(a);
        var acknowledged = new ConcurrentBag<int>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var node = nodes[w % 2];
            for (var done = 0; done < 5;)
            {
                var (version, value) = await Current(node);
                var answer = await node.Api.SendAsync(Post("/api/incidents/contested-bus/figures/monitor-x:killed:syrian-army/revisions",
                    new { value = new { kind = "exact", value = value + 1 }, reason = $"writer {w} read {value}" }, $"\"{version}\""));
                if (answer.StatusCode == HttpStatusCode.Created) { acknowledged.Add(w); done++; }
                else answer.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed, await answer.Content.ReadAsStringAsync());
            }
        })));
        acknowledged.Should().HaveCount(40);
        var (finalVersion, finalValue) = await Current(b);
        finalValue.Should().Be(start.Value + 40, "every acknowledged increment was decided from the value before it");
        finalVersion.Should().Be(start.Version + 40);
        var versions = new List<long>();
        await using (var cmd = db.DataSource.CreateCommand("SELECT version FROM ledger.events WHERE stream_id = 'incident-contested-bus' ORDER BY version"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) versions.Add(r.GetInt64(0));
        versions.Should().Equal(Enumerable.Range(1, versions.Count).Select(v => (long)v), "versions are contiguous");
    }

    private static async Task<(long Version, int Value)> Current(LedgerProcess node)
    {
        var body = JsonDocument.Parse(await node.Api.GetStringAsync("/api/incidents/contested-bus")).RootElement;
        var figure = body.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "monitor-x:killed:syrian-army");
        return (body.GetProperty("version").GetInt64(), figure.GetProperty("value").GetProperty("value").GetInt32());
    }
}
