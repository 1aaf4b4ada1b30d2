using System.Net;
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
}
