using System.Net;
using System.Text.Json;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>Tallies by perpetrator resolve through the actor registry as it stood at the point read.</summary>
public sealed class PerpetratorTallyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Incident(string id, string perpetrator, string date = "2024-02-03") =>
        $$"""{"id": "{{id}}", "title": "Attack on a checkpoint", "occurred": {"date": "{{date}}"}, "location": {"country": "SY", "admin1": "sy04"}, "type": "attack", "perpetrator": "{{perpetrator}}", "figures": [{"source": "sohr", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": 4}, "certainty": "reported"}, {"source": "sohr", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "exact", "value": 1}, "certainty": "reported"}]}""";

    private async Task Register(string body) =>
        (await api.Client(Editor).PostAsync("/api/actors", Json(body))).StatusCode.Should().Be(HttpStatusCode.Created);

    private async Task<Dictionary<string, (long Incidents, long Best)>> ByPerpetrator(string query)
    {
        var body = await Body((await api.Client().GetAsync($"/api/tallies?groupBy=perpetrator&category=killed&{query}")).EnsureSuccessStatusCode());
        return body.GetProperty("rows").EnumerateArray().ToDictionary(
            r => r.TryGetProperty("perpetrator", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "(none)",
            r => (r.GetProperty("incidents").GetInt64(), r.GetProperty("best").GetInt64()));
    }

    [Fact]
    public async Task Tallies_by_perpetrator_follow_a_merge_and_as_of_a_point_before_it_the_old_actor_stands_alone()
    {
        await Register("""{"id": "jund-tally", "name": "Jund Tally", "partyClass": "non-state-armed-groups", "reason": "a splinter"}""");
        await Register("""{"id": "ahrar-tally", "name": "Ahrar Tally", "nameAr": "أحرار الاختبار", "partyClass": "non-state-armed-groups", "reason": "a group"}""");
        foreach (var (id, perpetrator, date) in new[] { ("t-1", "Jund Tally", "2024-02-03"), ("t-2", "jund-tally", "2024-03-30"), ("t-3", "أحرار الاختبار", "2024-02-10") })
            (await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident(id, perpetrator, date)))).EnsureSuccessStatusCode();
        var before = Position(await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident("t-4", "isis"))));
        var merged = await api.Client(Editor).PostAsync("/api/actors/jund-tally/merge", Json("""{"into": "Ahrar Tally", "reason": "joined it"}"""));
        merged.StatusCode.Should().Be(HttpStatusCode.OK, await merged.Content.ReadAsStringAsync());
        var read = $"minPosition={Position(merged)}";

        var now = await ByPerpetrator(read);
        now["ahrar-tally"].Should().Be((3L, 15L), "the merged actor's incidents are its successor's, each counted once over both classes");
        now.Should().NotContainKey("jund-tally");
        var then = await ByPerpetrator($"asOfPosition={before}");
        (then["jund-tally"], then["ahrar-tally"]).Should().Be(((2L, 10L), (1L, 5L)), "before the merge, each stood alone");

        var byOldName = await Body(await api.Client().GetAsync($"/api/tallies?perpetrator=Jund%20Tally&category=killed&{read}"));
        byOldName.GetProperty("rows")[0].GetProperty("best").GetInt64().Should().Be(15, "the old name names the successor now");
        var byClass = await Body(await api.Client().GetAsync($"/api/tallies?perpetrator=ahrar-tally&category=killed&groupBy=partyClass&{read}"));
        byClass.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("partyClass").GetString(), r.GetProperty("best").GetInt64()))
            .Should().BeEquivalentTo([("civilians", 12L), ("state-forces", 3L)]);
        (await (await api.Client().GetAsync($"/api/exports/tallies.csv?groupBy=perpetrator&category=killed&{read}")).Content.ReadAsStringAsync())
            .Should().Contain("ahrar-tally").And.NotContain("jund-tally");
    }

    [Theory]
    [InlineData("")]
    [InlineData("&groupBy=partyClass")]
    [InlineData("&groupBy=admin1,month")]
    [InlineData("&from=2024-02-05&to=2024-03-31")]
    [InlineData("&claims=exclude")]
    public async Task Rows_by_perpetrator_add_up_to_the_tally_of_the_cells_now_and_as_of_a_point(string query)
    {
        // Each incident has one perpetrator or none: its own cells, made from its contributions, add up to the stored cells.
        (await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident($"sum-1{query.Length}", "hts", "2024-02-27")))).EnsureSuccessStatusCode();
        var point = Position(await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident($"sum-2{query.Length}", "isis", "2024-04-01"))));
        var last = Position(await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident($"sum-3{query.Length}", "unknown", "2024-03-01"))));
        // Both reads wait for the last write: an as-of read of a point the read models have not reached yet is not stable.
        foreach (var at in new[] { $"asOfPosition={point}&minPosition={last}", $"minPosition={last}" })
        {
            var dims = query.Contains("groupBy=") ? query.Split("groupBy=")[1] + ",perpetrator" : "perpetrator";
            var rest = query.Contains("groupBy=") ? "" : query;
            string Key(JsonElement r) => string.Join("|", r.EnumerateObject().Where(p => p.Name is "admin1" or "month" or "partyClass" or "category").Select(p => p.Value.ToString()));
            var whole = (await Body(await api.Client().GetAsync($"/api/tallies?{at}{query}"))).GetProperty("rows").EnumerateArray()
                .ToDictionary(Key, r => (r.GetProperty("incidents").GetInt64(), r.GetProperty("best").GetInt64(), r.GetProperty("straddling").GetInt64()));
            var parts = (await Body(await api.Client().GetAsync($"/api/tallies?{at}{rest}&groupBy={dims}"))).GetProperty("rows").EnumerateArray()
                .GroupBy(Key).ToDictionary(g => g.Key, g => (g.Sum(r => r.GetProperty("incidents").GetInt64()), g.Sum(r => r.GetProperty("best").GetInt64()),
                    g.Sum(r => r.GetProperty("straddling").GetInt64())));
            parts.Should().BeEquivalentTo(whole, $"{at}{query}");
        }
    }
}
