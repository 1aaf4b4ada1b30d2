using System.Net;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>Actors are data the ledger learns by events: a new armed group, a rename or a merge needs no release.</summary>
public sealed class ActorTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Incident(string id, string perpetrator, string party) =>
        $$"""{"id": "{{id}}", "title": "Attack on a checkpoint", "occurred": {"date": "2024-02-03"}, "location": {"country": "SY", "admin1": "sy04"}, "type": "attack", "perpetrator": "{{perpetrator}}", "figures": [{"source": "sohr", "category": "killed", "party": "{{party}}", "partyClass": "non-state-armed-groups", "value": {"kind": "exact", "value": 4}, "certainty": "reported"}]}""";

    private async Task<long> Register(string body)
    {
        var response = await api.Client(Editor).PostAsync("/api/actors", Json(body));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Position(response);
    }

    private async Task<List<string>> IncidentsBy(string perpetrator, string? extra = null) =>
        (await Body((await api.Client().GetAsync($"/api/incidents?perpetrator={Uri.EscapeDataString(perpetrator)}&includeRetracted=true{extra}")).EnsureSuccessStatusCode()))
            .GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task An_actor_registered_with_an_arabic_alias_is_a_party_and_a_perpetrator_found_by_either_name()
    {
        await Register("""{"id": "ansar-allah", "name": "Ansar Allah", "nameAr": "أنصار الله", "aliases": ["Houthis", "الحوثيون"], "partyClass": "non-state-armed-groups", "reason": "covering Yemen"}""");
        var written = await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident("aden-1", "الحوثيون", "Houthis")));
        written.StatusCode.Should().Be(HttpStatusCode.Created, await written.Content.ReadAsStringAsync());
        var read = $"&minPosition={Position(written)}";
        (await IncidentsBy("Houthis", read)).Should().Contain("aden-1");
        (await IncidentsBy("الحوثيون", read)).Should().Contain("aden-1");
        (await IncidentsBy("ansar-allah", read)).Should().Contain("aden-1");
        var incident = await Body(await api.Client().GetAsync("/api/incidents/aden-1"));
        incident.GetProperty("perpetrator").GetString().Should().Be("ansar-allah", "the id, whatever name the request gave");
        foreach (var export in new[] { "incidents.csv", "figures.csv" })
            (await (await api.Client().GetAsync($"/api/exports/{export}?perpetrator=Houthis")).Content.ReadAsStringAsync()).Should().Contain("aden-1", export);
        foreach (var name in new[] { "Houthis", "الحوثيون", "أنصار الله" })
        {
            var tally = await Body(await api.Client().GetAsync($"/api/tallies?perpetrator={Uri.EscapeDataString(name)}&category=killed{read}"));
            tally.GetProperty("rows")[0].GetProperty("incidents").GetInt64().Should().Be(1, name);
            (await Body(await api.Client().GetAsync($"/api/tallies?groupBy=perpetrator&category=killed{read}"))).GetProperty("rows").EnumerateArray()
                .Select(r => r.TryGetProperty("perpetrator", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.String ? p.GetString() : null)
                .Should().Contain("ansar-allah");
        }
        var actor = await Body(await api.Client().GetAsync("/api/actors/Houthis"));
        actor.GetProperty("actor").GetProperty("id").GetString().Should().Be("ansar-allah");
        actor.GetProperty("history")[0].GetProperty("reason").GetString().Should().Be("covering Yemen");
        actor.GetProperty("history")[0].GetProperty("recordedBy").GetString().Should().Be("desk-editor");
    }

    [Fact]
    public async Task A_merge_is_followed_by_filters_and_as_of_a_point_before_it_the_old_actor_stands_alone()
    {
        await Register("""{"id": "nusra-front", "name": "Nusra Front", "nameAr": "جبهة النصرة", "partyClass": "non-state-armed-groups", "reason": "before 2017"}""");
        await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident("idlib-nusra", "Nusra Front", "nusra-front")));
        await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident("idlib-hts", "hts", "hts")));
        var before = Position(await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident("idlib-hts-2", "HTS", "hts"))));
        var merged = await api.Client(Editor).PostAsync("/api/actors/nusra-front/merge", Json("""{"into": "Hay'at Tahrir al-Sham", "reason": "became HTS"}"""));
        merged.StatusCode.Should().Be(HttpStatusCode.OK, await merged.Content.ReadAsStringAsync());
        var read = $"&minPosition={Position(merged)}";
        (await IncidentsBy("hts", read)).Should().Contain(["idlib-nusra", "idlib-hts", "idlib-hts-2"], "the merged actor's incidents are the successor's");
        (await IncidentsBy("Nusra Front", read)).Should().Contain(["idlib-nusra", "idlib-hts"], "the old name names the successor now");
        (await IncidentsBy("hts", $"&asOfPosition={before}")).Should().Contain("idlib-hts").And.NotContain("idlib-nusra", "before the merge, Nusra stood alone");
        (await IncidentsBy("nusra-front", $"&asOfPosition={before}")).Should().Equal("idlib-nusra");
        (await Body(await api.Client().GetAsync("/api/actors?q=nusra"))).GetProperty("actors").EnumerateArray()
            .Select(a => a.GetProperty("id").GetString()).Should().Equal("hts");
    }

    [Fact]
    public async Task A_renamed_actor_answers_to_its_old_name()
    {
        await Register("""{"id": "green-brigade", "name": "Green Brigade", "partyClass": "non-state-armed-groups", "reason": "new militia"}""");
        var renamed = await api.Client(Editor).PostAsync("/api/actors/green-brigade/rename", Json("""{"name": "Green Front", "reason": "renamed itself"}"""));
        renamed.StatusCode.Should().Be(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        (await Body(renamed)).GetProperty("aliases").EnumerateArray().Select(a => a.GetString()).Should().Contain("Green Brigade");
        var written = await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident("green-1", "Green Brigade", "Green Front")));
        written.StatusCode.Should().Be(HttpStatusCode.Created, await written.Content.ReadAsStringAsync());
        (await IncidentsBy("Green Brigade", $"&minPosition={Position(written)}")).Should().Equal("green-1");
    }

    [Fact]
    public async Task An_unknown_actor_is_a_422_that_says_how_to_register_it_and_names_the_closest()
    {
        var refused = await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident("unknown-party", "isis", "Daeshh")));
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await Body(refused);
        problem.GetProperty("field").GetString().Should().Be("figures[0].party");
        problem.GetProperty("detail").GetString().Should().Contain("POST /api/actors").And.Contain("closest: isis");
        (await api.Client().GetAsync("/api/incidents/unknown-party")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/actors", """{"id": "empty-name", "name": "", "partyClass": "unknown", "reason": "x"}""", 422, "name")]
    [InlineData("/api/actors", """{"id": "clashing", "name": "Clashing", "aliases": ["Daesh"], "partyClass": "unknown", "reason": "x"}""", 409, "aliases[0]")]
    [InlineData("/api/actors/sdf/aliases", """{"alias": "ISIL", "reason": "x"}""", 409, "alias")]
    [InlineData("/api/actors/sdf/merge", """{"into": "sdf", "reason": "x"}""", 422, "into")]
    [InlineData("/api/actors/sdf/merge", """{"into": "no-such-group", "reason": "x"}""", 422, "into")]
    [InlineData("/api/actors/sdf/rename", """{"name": "SDF 2", "reason": ""}""", 422, "reason")]
    [InlineData("/api/actors/no-such-group/aliases", """{"alias": "x", "reason": "x"}""", 404, "id")]
    public async Task Bad_input_is_refused_naming_the_field_and_stores_nothing(string path, string body, int status, string field)
    {
        var before = await api.EventCount();
        var refused = await api.Client(Editor).PostAsync(path, Json(body));
        ((int)refused.StatusCode).Should().Be(status, await refused.Content.ReadAsStringAsync());
        (await Body(refused)).GetProperty("field").GetString().Should().Be(field);
        (await api.EventCount()).Should().Be(before);
        (await api.Client(Reporter).PostAsync("/api/actors", Json("""{"id": "by-a-reporter", "name": "R", "partyClass": "unknown", "reason": "x"}""")))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
