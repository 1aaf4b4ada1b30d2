using System.Net;
using System.Text.Json;
using Ledger.IntegrationTests.Api;
using Ledger.Server.Cli;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Names;

/// <summary>One resolver (NameResolver) for the API, imports (and so the CLI) and drafting: each form of a name, in any
/// case, alias, Arabic or code, gives the same id on every path.</summary>
public sealed class NameResolutionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Body(string source, string perpetrator, string admin1, string type, string party) =>
        $$"""{"title": "Strike on a convoy", "occurred": {"date": "2024-04-06"}, "location": {"country": "sy", "admin1": "{{admin1}}"}, "type": "{{type}}", "perpetrator": "{{perpetrator}}", "figures": [{"source": "{{source}}", "category": "killed", "party": "{{party}}", "partyClass": "state-forces", "value": {"kind": "exact", "value": 3}, "certainty": "reported"}]}""";

    private Task<ImportReport> ImportAsync(string lines) => api.ImportAsync(lines, "names");

    private async Task<(string Source, string Perpetrator, string Admin1, string Type, string Party)> StoredAsync(string id)
    {
        var i = await ApiFixture.Body(await api.Client().GetAsync($"/api/incidents/{id}"));
        var figure = i.GetProperty("figures").EnumerateArray().Single();
        return (figure.GetProperty("source").GetString()!, i.GetProperty("perpetrator").GetString()!,
            i.GetProperty("location").GetProperty("admin1").GetString()!, i.GetProperty("type").GetString()!, figure.GetProperty("party").GetString()!);
    }

    [Theory]
    [InlineData(1, "SOHR", "Daesh", "Deir Ezzor", "AIRSTRIKE", "Syrian Army")]
    [InlineData(2, "sohr", "داعش", "دير الزور", "air-strike", "الجيش السوري")]
    [InlineData(3, "Sohr", "ISIL", "SY-DY", "airstrike", "SYRIAN-ARMY")]
    [InlineData(4, "sohr", "isis", "SY09", "Air Strike", "syrian-army")]
    public async Task Each_name_form_resolves_the_same_over_HTTP_and_on_an_import_line(int n, string source, string perpetrator, string admin1, string type, string party)
    {
        var http = await api.Client(Reporter).PostAsync("/api/incidents", Json(Body(source, perpetrator, admin1, type, party).Replace("{\"title\"", $"{{\"id\": \"http-{n}\", \"title\"")));
        http.StatusCode.Should().Be(HttpStatusCode.Created, await http.Content.ReadAsStringAsync());
        var line = Body(source, perpetrator, admin1, type, party).Replace("{\"title\"", $"{{\"command\": \"reportIncident\", \"id\": \"names-{n}\", \"incidentId\": \"import-{n}\", \"title\"");
        var report = await ImportAsync(line);
        report.Error.Should().BeNull();
        var expected = ("sohr", "isis", "sy09", "air-strike", "syrian-army");
        (await StoredAsync($"http-{n}")).Should().Be(expected);
        (await StoredAsync($"import-{n}")).Should().Be(expected);
    }

    [Fact]
    public async Task Import_lines_register_and_alias_actors_and_teach_regions_names_that_later_lines_use()
    {
        var lines = string.Join('\n',
            """{"command": "registerActor", "id": "a1", "actorId": "southern-movement", "name": "Southern Transitional Council", "nameAr": "المجلس الانتقالي الجنوبي", "partyClass": "non-state-armed-groups", "reason": "covering Aden"}""",
            """{"command": "addActorAlias", "id": "a2", "actorId": "southern-movement", "alias": "STC", "reason": "the name agencies use"}""",
            """{"command": "addRegionAlias", "id": "a3", "regionId": "YE-AD", "alias": "Aden", "reason": "the name sources give"}""",
            """{"command": "reportIncident", "id": "a4", "incidentId": "aden-stc", "title": "Clashes in Crater", "occurred": {"date": "2024-05-01"}, "location": {"country": "Yemen", "admin1": "Aden"}, "type": "clash", "perpetrator": "STC", "figures": [{"source": "afp", "category": "killed", "party": "المجلس الانتقالي الجنوبي", "partyClass": "non-state-armed-groups", "value": {"kind": "exact", "value": 2}, "certainty": "reported"}]}""");
        var report = await ImportAsync(lines);
        report.Error.Should().BeNull();
        report.Applied.Should().Be(4);
        var incident = await ApiFixture.Body(await api.Client().GetAsync("/api/incidents/aden-stc"));
        incident.GetProperty("perpetrator").GetString().Should().Be("southern-movement");
        incident.GetProperty("location").GetProperty("admin1").GetString().Should().Be("ye-ad");
        var actor = await ApiFixture.Body(await api.Client().GetAsync("/api/actors/STC"));
        actor.GetProperty("history").GetArrayLength().Should().Be(2);
        actor.GetProperty("history")[0].GetProperty("recordedBy").GetString().Should().Be("names");
    }

    [Fact]
    public async Task An_import_line_with_an_alias_of_another_actor_stops_at_its_line_and_stores_nothing()
    {
        var before = await api.EventCount();
        var report = await ImportAsync("""{"command": "addActorAlias", "id": "b1", "actorId": "sdf", "alias": "Daesh", "reason": "x"}""");
        report.Error!.Line.Should().Be(1);
        report.Error.Field.Should().Be("alias");
        (await api.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task Drafting_reads_with_the_ledgers_names_of_the_moment()
    {
        var aliased = await api.Client(Editor).PostAsync("/api/regions/YE-HU/aliases", Json("""{"alias": "Hodeidah", "reason": "the name sources give"}"""));
        aliased.StatusCode.Should().Be(HttpStatusCode.OK, await aliased.Content.ReadAsStringAsync());
        var drafted = await api.Client(Reporter).PostAsync("/api/drafts", Json("""
            {"text": "An air strike killed at least 9 civilians in Hodeidah, Yemen, on Tuesday, AFP said.", "publishedAt": "2024-06-06T00:00:00Z"}
            """));
        drafted.StatusCode.Should().Be(HttpStatusCode.OK, await drafted.Content.ReadAsStringAsync());
        var location = (await ApiFixture.Body(drafted)).GetProperty("drafts")[0].GetProperty("location");
        location.GetProperty("country").GetString().Should().Be("YE");
        location.GetProperty("admin1").GetString().Should().Be("ye-hu");

        var nowhere = await api.Client(Reporter).PostAsync("/api/drafts", Json("""
            {"text": "A bomb killed 4 people at a market on Tuesday, police said.", "publishedAt": "2024-06-06T00:00:00Z"}
            """));
        var draft = await ApiFixture.Body(nowhere);
        var country = draft.GetProperty("drafts")[0].GetProperty("location").TryGetProperty("country", out var c) ? c.ValueKind : JsonValueKind.Null;
        country.Should().Be(JsonValueKind.Null, "a text that names no country leaves it to the coder");
        draft.GetProperty("importLines")[0].GetString().Should().Contain("\"country\":null");
    }
}
