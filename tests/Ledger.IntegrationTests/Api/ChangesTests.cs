using System.Net;
using System.Text.Json;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>What changed between two points, checked against a log written by hand: each incident and figure event
/// between them with its before and after, and the tally rows that moved, by positions and by releases, as JSON,
/// CSV and a page.</summary>
public sealed class ChangesTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Incident(string id, string admin1, int killed) => $$"""
        {"id": "{{id}}", "title": "t", "occurred": {"date": "2023-05-02"}, "location": {"country": "SY", "admin1": "{{admin1}}"}, "type": "ambush",
         "figures": [{"source": "sohr", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": {{killed}}}, "certainty": "reported"}]}
        """;

    private async Task<long> Post(string path, string body, string key = Reporter)
    {
        var response = await api.Client(key).PostAsync(path, Json(body));
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        return Position(response);
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    private static string Value(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? $"{v.GetProperty("kind").GetString()} {v.GetProperty("value").GetInt64()}" : "-";
    private static long? Long(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    [Fact]
    public async Task Changes_between_two_points_are_the_events_between_them_and_the_tallies_that_moved()
    {
        const string sohrA = "/api/incidents/ch-a/figures/sohr:killed:civilians";
        var p1 = await Post("/api/incidents", Incident("ch-a", "sy04", 10));
        await Post("/api/incidents", Incident("ch-b", "sy09", 3));
        await Post($"{sohrA}/revisions", """{"value": {"kind": "exact", "value": 12}, "reason": "recount"}""");
        await Post("/api/incidents/ch-a/figures", """{"source": "afp", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": 15}, "certainty": "reported"}""");
        var disputed = await api.Client(Reporter).PostAsync($"{sohrA}/disputes", Json("""{"disputedBy": "sana", "reason": "double-counted"}"""));
        var disputeId = (await Body(disputed)).GetProperty("disputeId").GetString();
        await Post($"/api/incidents/ch-a/disputes/{disputeId}/resolution", """{"outcome": "upheld", "note": "the list repeats names"}""", Editor);
        await Post("/api/incidents/ch-a/corrections", """{"type": "ied", "reason": "it was a roadside bomb"}""", Editor);
        await Post("/api/incidents/ch-b/retraction", """{"reason": "not an incident"}""", Editor);
        var p2 = await Post("/api/incidents", Incident("ch-c", "sy11", 7));

        var answer = await api.Client().GetAsync($"/api/changes?from={p1}&to={p2}&minPosition={p2}");
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var set = await Body(answer);
        (Long(set.GetProperty("from"), "position"), Long(set.GetProperty("to"), "position")).Should().Be((p1, p2));
        set.GetProperty("to").TryGetProperty("recordedAt", out _).Should().BeTrue("the answer says when its end point was recorded");

        set.GetProperty("incidents").EnumerateArray().Select(i => $"{Str(i, "incidentId")} {Str(i, "change")}")
            .Should().Equal("ch-b reported", "ch-a corrected", "ch-b retracted", "ch-c reported");
        set.GetProperty("figures").EnumerateArray()
            .Select(f => $"{Str(f, "incidentId")} {Str(f, "figureId")} {Str(f, "change")}: {Value(f, "valueBefore")} -> {Value(f, "valueAfter")}, {Str(f, "statusBefore") ?? "-"} -> {Str(f, "statusAfter")}")
            .Should().Equal(
                "ch-b sohr:killed:civilians reported: - -> exact 3, - -> active",
                "ch-a sohr:killed:civilians revised: exact 10 -> exact 12, active -> active",
                "ch-a afp:killed:civilians reported: - -> exact 15, - -> active",
                "ch-a sohr:killed:civilians disputed: exact 12 -> exact 12, active -> active",
                "ch-a sohr:killed:civilians resolved: exact 12 -> exact 12, active -> excluded",
                "ch-c sohr:killed:civilians reported: - -> exact 7, - -> active");
        // Homs: SOHR's 10 before; after, SOHR's figure is excluded by the upheld dispute and AFP's 15 stands.
        // Ar-Raqqa: nothing before, 7 after. Deir ez-Zor: reported and retracted in between, so it never moved.
        set.GetProperty("tallies").EnumerateArray()
            .Select(t => $"{Str(t, "admin1")} {Str(t, "category")}: {Long(t, "bestBefore")?.ToString() ?? "-"} -> {Long(t, "bestAfter")}, incidents {Long(t, "incidentsBefore")} -> {Long(t, "incidentsAfter")}")
            .Should().Equal("sy04 killed: 10 -> 15, incidents 1 -> 1", "sy11 killed: - -> 7, incidents 0 -> 1");

        // The same answer between releases named at those points.
        (await api.Client(Editor).PostAsync("/api/releases", Json($$"""{"name": "ch-before", "position": {{p1}}}"""))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await api.Client(Editor).PostAsync("/api/releases", Json($$"""{"name": "ch-after", "position": {{p2}}}"""))).StatusCode.Should().Be(HttpStatusCode.Created);
        var byRelease = await Body(await api.Client().GetAsync("/api/changes?fromRelease=ch-before&toRelease=ch-after"));
        Str(byRelease.GetProperty("from"), "release").Should().Be("ch-before");
        byRelease.GetProperty("figures").GetRawText().Should().Be(set.GetProperty("figures").GetRawText());
        byRelease.GetProperty("tallies").GetRawText().Should().Be(set.GetProperty("tallies").GetRawText());

        var csv = await (await api.Client().GetAsync($"/api/exports/changes.csv?from={p1}&to={p2}&bom=false")).Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2 + 4 + 6 + 2, "header, hashtags, four incident rows, six figure rows, two tally rows");
        lines.Should().Contain(l => l.StartsWith("tally,,,,,,moved,,,,,,SY,SY04,killed,10,10,10,15,15,15,1,1", StringComparison.Ordinal));

        var page = await api.Client().GetAsync($"/changes?from={p1}&to={p2}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("afp:killed:civilians").And.Contain("it was a roadside bomb").And.Contain("10–10–10").And.Contain("15–15–15");
        html.Should().Contain($"/api/exports/changes.csv?from={p1}&to={p2}", "the CSV link keeps the page's points");
    }

    [Theory]
    [InlineData("to=999999999", "to", "beyond-head")]
    [InlineData("from=5&to=4", "from", "bad-request")]
    [InlineData("fromRelease=no-such-release", "fromRelease", "bad-request")]
    [InlineData("from=1&fromRelease=x", "fromRelease", "bad-request")]
    public async Task A_point_beyond_the_head_or_a_start_after_the_end_is_refused(string query, string field, string code)
    {
        var response = await api.Client().GetAsync($"/api/changes?{query}");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await Body(response);
        (Str(problem, "field"), Str(problem, "code")).Should().Be((field, code));
        (await api.Client().GetAsync($"/changes?{query}")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the page says so too");
        (await api.Client().GetAsync("/changes?asOfPosition=3")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a parameter the page does not take");
    }
}
