using System.Globalization;
using System.Net;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>Our instruments are process-wide, so this class runs alone: the deltas it reads are its own.</summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsCollection;

[Collection(nameof(MetricsTests))]
public sealed class MetricsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<Dictionary<string, double>> ScrapeAsync()
    {
        var response = await api.Client().GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var values = new Dictionary<string, double>();
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var name = line[..line.IndexOfAny(['{', ' '])];
            var labels = line.Contains('{') ? line[line.IndexOf('{')..(line.IndexOf('}') + 1)] : "";
            var value = double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            values[name] = values.GetValueOrDefault(name) + value;
            if (labels.Contains("projection=\"incidents\"")) values[name + "/incidents"] = value;
        }
        return values;
    }

    [Fact]
    public async Task Metrics_count_appends_replays_and_feed_reads_and_show_projection_lag()
    {
        var before = await ScrapeAsync();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = Json($$"""
                {"id": "metered-{{i}}", "title": "t", "occurred": {"date": "2023-01-0{{i + 1}}"}, "location": {"country": "SY", "admin1": "sy01"}, "type": "ied",
                 "figures": [{"source": "sohr", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": 2}, "certainty": "reported"}]}
                """) };
            request.Headers.Add("Idempotency-Key", $"metered-{i}");
            last = await api.Client(Reporter).SendAsync(request);
            last.StatusCode.Should().Be(HttpStatusCode.Created);
        }
        var repeat = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = Json($$"""
            {"id": "metered-2", "title": "t", "occurred": {"date": "2023-01-03"}, "location": {"country": "SY", "admin1": "sy01"}, "type": "ied",
             "figures": [{"source": "sohr", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": 2}, "certainty": "reported"}]}
            """) };
        repeat.Headers.Add("Idempotency-Key", "metered-2");
        (await api.Client(Reporter).SendAsync(repeat)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.Client().GetAsync($"/api/events?after=0&limit=5&minPosition={Position(last)}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var after = await ScrapeAsync();
        double Delta(string name) => after.GetValueOrDefault(name) - before.GetValueOrDefault(name);
        Delta("ledger_events_appended_total").Should().Be(6, "three incidents of two events each; the repeat appends nothing");
        Delta("ledger_idempotent_replays_total").Should().Be(1);
        Delta("ledger_feed_reads_total").Should().Be(1);
        Delta("ledger_feed_events_total").Should().Be(5);
        Delta("ledger_append_transactions_total").Should().BeGreaterThanOrEqualTo(3);
        Delta("ledger_append_commit_duration_seconds_count").Should().Be(Delta("ledger_append_transactions_total"));
        after.Should().ContainKey("ledger_projection_lag/incidents").WhoseValue.Should().Be(0, "the feed read waited for the projections");
        after.Keys.Should().Contain(k => k.StartsWith("http_server_request_duration_seconds"), "ASP.NET Core's own meters are exported too");
        after.Keys.Should().Contain(k => k.StartsWith("db_client_"), "so are Npgsql's");
    }
}
