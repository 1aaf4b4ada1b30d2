using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>One incident walked through report, second source, revision, dispute, resolution, correction and
/// retraction, checking the incident, its history, the province tally and an as-of tally at each step.</summary>
public sealed class ApiScenarioTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<JsonElement> Get(HttpClient c, string url) => await Body((await c.GetAsync(url)).EnsureSuccessStatusCode());

    private async Task<long?> ProvinceBest(HttpClient c, string admin1, long position, long? asOf = null) =>
        (await Get(c, $"/api/tallies?admin1={admin1}&category=killed&groupBy=admin1&minPosition={position}" + (asOf is null ? "" : $"&asOfPosition={asOf}")))
            .GetProperty("rows").EnumerateArray().Select(r => (long?)r.GetProperty("best").GetInt64()).SingleOrDefault();

    [Fact]
    public async Task An_incident_from_report_to_retraction()
    {
        var reporter = api.Client(Reporter);
        var editor = api.Client(Editor);
        var reader = api.Client();

        var report = await reporter.PostAsync("/api/incidents", Json("""
            {"id": "palmyra-bus-2024", "title": "Attack on a military bus near Palmyra",
             "occurred": {"date": "2024-01-09"}, "location": {"country": "SY", "admin1": "Homs", "place": "near Palmyra", "precision": "near"},
             "type": "ambush", "perpetrator": "isis",
             "figures": [{"source": "sohr", "category": "killed", "party": "syrian-army", "partyClass": "state-forces",
                          "value": {"kind": "atLeast", "value": 14}, "certainty": "reported", "quote": "at least 14 Syrian soldiers were killed"}]}
            """));
        report.StatusCode.Should().Be(HttpStatusCode.Created);
        report.Headers.Location!.ToString().Should().Be("/api/incidents/palmyra-bus-2024");
        report.Headers.ETag!.Tag.Should().Be("\"2\"");
        var p1 = Position(report);
        (await ProvinceBest(reader, "sy04", p1)).Should().Be(14);

        var second = await reporter.PostAsync("/api/incidents/palmyra-bus-2024/figures", Json("""
            {"source": "amaq", "category": "killed", "party": "syrian-army", "partyClass": "state-forces",
             "value": {"kind": "exact", "value": 20}, "certainty": "reported"}
            """));
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        (await Body(second)).GetProperty("figure").GetProperty("certainty").GetString().Should().Be("claimed", "Amaq is an armed group");
        var p2 = Position(second);
        (await ProvinceBest(reader, "sy04", p2)).Should().Be(14, "a claim does not move a reported figure");

        var revision = await reporter.PostAsync("/api/incidents/palmyra-bus-2024/figures/sohr:killed:syrian-army/revisions",
            Json("""{"value": {"kind": "exact", "value": 16}, "reason": "SOHR's updated toll"}"""));
        revision.StatusCode.Should().Be(HttpStatusCode.Created);
        var p3 = Position(revision);
        (await ProvinceBest(reader, "sy04", p3)).Should().Be(16);
        (await ProvinceBest(reader, "sy04", p3, asOf: p2)).Should().Be(14);

        var dispute = await reporter.PostAsync("/api/incidents/palmyra-bus-2024/figures/sohr:killed:syrian-army/disputes",
            Json("""{"disputedBy": "sana", "reason": "the ministry counts 12", "counterValue": {"kind": "exact", "value": 12}}"""));
        dispute.StatusCode.Should().Be(HttpStatusCode.Created);
        var disputeId = (await Body(dispute)).GetProperty("disputeId").GetString();
        var incident = await Get(reader, "/api/incidents/palmyra-bus-2024");
        incident.GetProperty("reconciled")[0].GetProperty("disputed").GetBoolean().Should().BeTrue();

        var resolution = await editor.PostAsync($"/api/incidents/palmyra-bus-2024/disputes/{disputeId}/resolution",
            Json("""{"outcome": "dismissed", "note": "SOHR's list names the dead"}"""));
        resolution.StatusCode.Should().Be(HttpStatusCode.Created);
        var p4 = Position(resolution);
        (await Body(resolution)).GetProperty("reconciled")[0].GetProperty("disputed").GetBoolean().Should().BeFalse();
        (await ProvinceBest(reader, "sy04", p4)).Should().Be(16);

        var correction = await editor.PostAsync("/api/incidents/palmyra-bus-2024/corrections",
            Json("""{"location": {"country": "SY", "admin1": "Deir ez-Zor"}, "reason": "the bus was hit in the Deir ez-Zor desert"}"""));
        correction.StatusCode.Should().Be(HttpStatusCode.Created);
        var p5 = Position(correction);
        (await ProvinceBest(reader, "sy09", p5)).Should().Be(16);
        (await ProvinceBest(reader, "sy04", p5)).Should().BeNull();
        (await ProvinceBest(reader, "sy04", p5, asOf: p4)).Should().Be(16, "as of before the correction it was in Homs");

        var retraction = await editor.PostAsync("/api/incidents/palmyra-bus-2024/retraction", Json("""{"reason": "merged into another record"}"""));
        retraction.StatusCode.Should().Be(HttpStatusCode.Created);
        var p6 = Position(retraction);
        (await ProvinceBest(reader, "sy09", p6)).Should().BeNull();
        (await ProvinceBest(reader, "sy09", p6, asOf: p5)).Should().Be(16);
        (await Get(reader, "/api/incidents/palmyra-bus-2024")).GetProperty("retracted").GetBoolean().Should().BeTrue();

        var history = await Get(reader, $"/api/incidents/palmyra-bus-2024/history?minPosition={p6}");
        var events = history.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("type").GetString()).Should().Equal("IncidentReported", "FigureReported", "FigureReported",
            "FigureRevised", "FigureDisputed", "DisputeResolved", "IncidentCorrected", "IncidentRetracted");
        var revised = events[3];
        revised.GetProperty("valueBefore").GetProperty("value").GetInt32().Should().Be(14);
        revised.GetProperty("valueAfter").GetProperty("value").GetInt32().Should().Be(16);
        revised.GetProperty("recordedBy").GetString().Should().Be("newsroom");
        events[5].GetProperty("recordedBy").GetString().Should().Be("desk-editor");
        // The dispute and its resolution at the top level, and data as an object, the same shape as the feed.
        var disputed = events[4];
        (disputed.GetProperty("disputedBy").GetString(), disputed.GetProperty("counterValue").GetProperty("value").GetInt32(),
            disputed.GetProperty("source").GetString(), disputed.GetProperty("certainty").GetString()).Should().Be(("sana", 12, "sohr", "reported"));
        disputed.GetProperty("data").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Object);
        disputed.GetProperty("data").GetProperty("disputedBy").GetString().Should().Be("sana");
        events[5].GetProperty("outcome").GetString().Should().NotBeNullOrEmpty();
        events[5].GetProperty("outcome").GetString().Should().Be(events[5].GetProperty("data").GetProperty("outcome").GetString());
        var feed = await Get(reader, $"/api/events?after={events[4].GetProperty("position").GetInt64() - 1}&limit=1");
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(feed.GetProperty("events")[0].GetProperty("data").GetRawText()),
            System.Text.Json.Nodes.JsonNode.Parse(disputed.GetProperty("data").GetRawText())).Should().BeTrue("history and feed carry the same data");

        var tallyHistory = await Get(reader, $"/api/tallies/history?admin1=sy04&category=killed&minPosition={p6}");
        tallyHistory.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("best").GetInt64()).Should().Equal(14, 16, 0);
    }

    [Fact]
    public async Task Correlation_ids_are_returned_and_stored_on_events()
    {
        var client = api.Client(Reporter);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = Json("""
            {"id": "correlated-1", "title": "t", "occurred": {"date": "2023-02-01"}, "location": {"country": "IQ", "admin1": "Salahaddin"}, "type": "raid"}
            """) };
        request.Headers.Add("X-Correlation-Id", "trace-abc-123");
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.GetValues("X-Correlation-Id").Single().Should().Be("trace-abc-123");
        (await Body(response)).GetProperty("location").GetProperty("admin1").GetString().Should().Be("iqg16");
        (await api.Database.ScalarAsync("SELECT count(*) FROM ledger.events WHERE stream_id = 'incident-correlated-1' AND correlation_id = 'trace-abc-123'"))
            .Should().Be(1);
    }
}
