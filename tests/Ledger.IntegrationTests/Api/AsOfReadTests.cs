using System.Net;
using System.Text.Json;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>docs/CONTRACT.md §1 "as of" on one incident and its history, and incremental sync with updatedAfter.</summary>
public sealed class AsOfReadTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<long> Post(string url, string body, string key = Reporter)
    {
        var response = await api.Client(key).PostAsync(url, Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Position(response);
    }

    [Fact]
    public async Task An_incident_and_its_history_read_as_of_a_position_are_as_they_stood_then()
    {
        var reported = await Post("/api/incidents", """
            {"id": "asof-one", "title": "Ambush", "occurred": {"date": "2022-03-03"}, "location": {"country": "SY", "admin1": "Homs"}, "type": "ambush",
             "figures": [{"source": "sohr", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "atLeast", "value": 4}, "certainty": "reported"}]}
            """);
        var revised = await Post("/api/incidents/asof-one/figures/sohr:killed:syrian-army/revisions", """{"value": {"kind": "exact", "value": 9}, "reason": "names published"}""");

        var then = await Body(await api.Client().GetAsync($"/api/incidents/asof-one?asOfPosition={reported}"));
        then.GetProperty("figures")[0].GetProperty("value").GetProperty("value").GetInt32().Should().Be(4);
        then.GetProperty("version").GetInt64().Should().Be(2);
        var now = await Body(await api.Client().GetAsync($"/api/incidents/asof-one?minPosition={revised}"));
        now.GetProperty("figures")[0].GetProperty("value").GetProperty("value").GetInt32().Should().Be(9);
        (await api.Client().GetAsync($"/api/incidents/asof-one?asOfPosition={reported - 5}")).StatusCode.Should().Be(HttpStatusCode.NotFound,
            "before its report there was no such incident");

        var history = await Body(await api.Client().GetAsync($"/api/incidents/asof-one/history?asOfPosition={reported}&minPosition={revised}"));
        history.GetProperty("events").GetArrayLength().Should().Be(2, "the report and its figure; the revision came later");
        var beyond = await api.Client().GetAsync($"/api/incidents/asof-one?asOfPosition={revised + 100000}");
        beyond.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Body(beyond)).GetProperty("code").GetString().Should().Be("beyond-head");
    }

    [Fact]
    public async Task A_position_past_the_head_is_refused_until_the_head_reaches_it()
    {
        // The server remembers the highest head it has read (ReadPoint): a position at or below it needs no check, and
        // one above it must still be checked, refused while the head is short of it and read once the head is past.
        var first = await Post("/api/incidents", """{"id": "head-a", "title": "A", "occurred": {"date": "2022-05-05"}, "location": {"country": "SY", "admin1": "Daraa"}, "type": "attack"}""");
        (await api.Client().GetAsync($"/api/tallies?asOfPosition={first}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var early = await api.Client().GetAsync($"/api/tallies?asOfPosition={first + 1}");
        early.StatusCode.Should().Be(HttpStatusCode.BadRequest, "nothing was written after the incident: the head is its position");
        (await Body(early)).GetProperty("code").GetString().Should().Be("beyond-head");

        var second = await Post("/api/incidents", """{"id": "head-b", "title": "B", "occurred": {"date": "2022-05-06"}, "location": {"country": "SY", "admin1": "Daraa"}, "type": "attack"}""");
        second.Should().BeGreaterThan(first);
        (await api.Client().GetAsync($"/api/tallies?asOfPosition={first + 1}")).StatusCode.Should().Be(HttpStatusCode.OK, "the head has passed it now");
        (await api.Client().GetAsync($"/api/incidents?asOfPosition={second + 1}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Updated_after_lists_only_the_incidents_changed_since_a_position_retractions_included()
    {
        var first = await Post("/api/incidents", """{"id": "sync-a", "title": "A", "occurred": {"date": "2022-04-04"}, "location": {"country": "SY", "admin1": "Hama"}, "type": "attack"}""");
        await Post("/api/incidents", """{"id": "sync-b", "title": "B", "occurred": {"date": "2022-04-05"}, "location": {"country": "SY", "admin1": "Hama"}, "type": "attack"}""");
        var last = await Post("/api/incidents/sync-a/retraction", """{"reason": "not an incident"}""", Editor);
        var changed = await Body(await api.Client().GetAsync($"/api/incidents?admin1=Hama&updatedAfter={first}&minPosition={last}"));
        changed.GetProperty("incidents").EnumerateArray().Select(i => (i.GetProperty("id").GetString(), i.GetProperty("retracted").GetBoolean()))
            .Should().BeEquivalentTo([("sync-a", true), ("sync-b", false)], "sync-b is new, sync-a was retracted after the position");
        var nothing = await Body(await api.Client().GetAsync($"/api/incidents?admin1=Hama&updatedAfter={last}"));
        nothing.GetProperty("incidents").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task The_incident_list_as_of_a_position_chooses_filters_and_shows_the_incidents_as_they_stood_then()
    {
        var a = await Post("/api/incidents", """
            {"id": "list-then-a", "title": "Shelling", "occurred": {"date": "2021-06-01"}, "location": {"country": "SY", "admin1": "Idlib"}, "type": "shelling",
             "figures": [{"source": "sohr", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": 2}, "certainty": "reported"}]}
            """);
        var b = await Post("/api/incidents", """{"id": "list-then-b", "title": "Raid", "occurred": {"date": "2021-06-02"}, "location": {"country": "SY", "admin1": "Idlib"}, "type": "raid"}""");
        // After b: a is moved to Aleppo, its toll revised, and b retracted.
        await Post("/api/incidents/list-then-a/corrections", """{"location": {"country": "SY", "admin1": "Aleppo"}, "reason": "wrong governorate"}""", Editor);
        await Post("/api/incidents/list-then-a/figures/sohr:killed:civilians/revisions", """{"value": {"kind": "exact", "value": 6}, "reason": "more found"}""");
        var last = await Post("/api/incidents/list-then-b/retraction", """{"reason": "not an incident"}""", Editor);

        async Task<JsonElement> List(string query) => await Body((await api.Client().GetAsync($"/api/incidents?{query}&minPosition={last}")).EnsureSuccessStatusCode());
        var then = await List($"admin1=Idlib&from=2021-06-01&to=2021-06-30&asOfPosition={b}");
        then.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal("list-then-b", "list-then-a");
        then.GetProperty("asOfPosition").GetInt64().Should().Be(b);
        then.GetProperty("asOfTime").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        var aThen = then.GetProperty("incidents").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "list-then-a");
        aThen.GetProperty("version").GetInt64().Should().Be(2, "its report and figure; the correction and revision came later");
        aThen.GetRawText().Should().Contain("\"value\":2").And.NotContain("\"value\":6");

        var now = await List("admin1=Idlib&from=2021-06-01&to=2021-06-30");
        now.GetProperty("incidents").GetArrayLength().Should().Be(0, "a moved to Aleppo and b was retracted");
        now.TryGetProperty("asOfPosition", out _).Should().BeFalse("it shows the present");
        (await List($"admin1=Aleppo&from=2021-06-01&to=2021-06-30&asOfPosition={b}")).GetProperty("incidents").GetArrayLength().Should().Be(0);
        // As of the last write the list is the present: a listing version that held before a change holds no longer
        // (a version left open would still list a in Idlib, and b unretracted).
        (await List($"admin1=Idlib&from=2021-06-01&to=2021-06-30&asOfPosition={last}")).GetProperty("incidents").GetArrayLength()
            .Should().Be(0, "a moved and b was retracted by then");
        (await List($"admin1=Aleppo&from=2021-06-01&to=2021-06-30&asOfPosition={last}")).GetProperty("incidents").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString()).Should().Equal("list-then-a");
        (await List($"admin1=Idlib&from=2021-06-01&to=2021-06-30&asOfPosition={a}")).GetProperty("incidents").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString()).Should().Equal("list-then-a");
        // Incremental sync between two points: what changed after a, as it stood at b.
        (await List($"from=2021-06-01&to=2021-06-30&updatedAfter={a}&asOfPosition={b}")).GetProperty("incidents").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString()).Should().Equal("list-then-b");

        var beyond = await api.Client().GetAsync($"/api/incidents?asOfPosition={last + 100000}");
        beyond.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Body(beyond)).GetProperty("code").GetString().Should().Be("beyond-head");
        var csv = await (await api.Client().GetAsync($"/api/exports/figures.csv?admin1=Idlib&from=2021-06-01&to=2021-06-30&asOfPosition={b}&minPosition={last}"))
            .EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        csv.TrimStart('\uFEFF').Should().StartWith($"asOfPosition,{b},recordedAt,");
        csv.Should().Contain("list-then-a").And.NotContain("more found");
    }
}
