using System.Net;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>Any country and first-level division of ISO 3166 (from Debian's iso-codes), taught new names by event:
/// a monitor of Yemen records Aden as a monitor of Syria records Raqqa.</summary>
public sealed class WorldPlaceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Incident(string id, string country, string? admin1, string perpetrator = "unknown") =>
        $$"""{"id": "{{id}}", "title": "Shelling of a market", "occurred": {"date": "2024-03-05"}, "location": {"country": "{{country}}"{{(admin1 is null ? "" : $", \"admin1\": \"{admin1}\"")}}}, "type": "shelling", "perpetrator": "{{perpetrator}}", "figures": [{"source": "afp", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "atLeast", "value": 7}, "certainty": "reported"}]}""";

    private async Task<long> Alias(string region, string alias)
    {
        var response = await api.Client(Editor).PostAsync($"/api/regions/{Uri.EscapeDataString(region)}/aliases",
            Json($$"""{"alias": "{{alias}}", "reason": "the name sources give"}"""));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return Position(response);
    }

    [Fact]
    public async Task A_Yemeni_incident_in_Aden_is_tallied_under_YE_with_the_divisions_name_on_the_pages_filter_and_in_both_CSVs()
    {
        await Alias("YE-AD", "عدن");
        await Alias("ye-ad", "Aden");
        var written = await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident("aden-market", "YE", "عدن")));
        written.StatusCode.Should().Be(HttpStatusCode.Created, await written.Content.ReadAsStringAsync());
        var read = $"minPosition={Position(written)}";

        var incident = await Body(await api.Client().GetAsync($"/api/incidents/aden-market?{read}"));
        incident.GetProperty("location").GetProperty("country").GetString().Should().Be("YE");
        incident.GetProperty("location").GetProperty("admin1").GetString().Should().Be("ye-ad");

        var tally = await Body(await api.Client().GetAsync($"/api/tallies?groupBy=admin1&country=Yemen&category=killed&{read}"));
        var row = tally.GetProperty("rows").EnumerateArray().Single();
        row.GetProperty("country").GetString().Should().Be("YE");
        row.GetProperty("admin1").GetString().Should().Be("ye-ad");
        row.GetProperty("admin1Name").GetString().Should().Be("‘Adan", "the division's ISO 3166-2 name");
        row.GetProperty("best").GetInt64().Should().Be(7);
        (await Body(await api.Client().GetAsync($"/api/tallies?admin1=Aden&category=killed&{read}"))).GetProperty("rows")[0]
            .GetProperty("best").GetInt64().Should().Be(7, "the alias finds the division");

        // The pages take no minPosition: the reads above waited for the write.
        var page = await (await api.Client().GetAsync("/?country=ye")).Content.ReadAsStringAsync();
        page.Should().Contain("<option value=\"YE\" selected>Yemen (YE)</option>", "the page lists the countries the ledger holds, the one asked for chosen");
        page.Should().Contain("<option value=\"SY\">Syria (SY)</option>");
        foreach (var export in new[] { "incidents.csv", "figures.csv" })
        {
            var csv = await (await api.Client().GetAsync($"/api/exports/{export}?country=YE&{read}")).Content.ReadAsStringAsync();
            csv.Should().Contain("aden-market", export);
            csv.Should().NotContain("\"SY\"", export);
        }
    }

    [Theory]
    [InlineData("ZZ", null, "location.country")]
    [InlineData("QQ", null, "location.country")]
    [InlineData("Atlantis", null, "location.country")]
    [InlineData("SY", "YE-AD", "location.country")]
    [InlineData("YE", "Raqqa", "location.country")]
    [InlineData("YE", "Nowhere", "location.admin1")]
    public async Task A_place_outside_the_atlas_or_in_another_country_is_a_422_naming_the_field_and_nothing_is_stored(string country, string? admin1, string field)
    {
        var before = await api.EventCount();
        var refused = await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident($"bad-{country}-{admin1}".ToLowerInvariant(), country, admin1)));
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, await refused.Content.ReadAsStringAsync());
        (await Body(refused)).GetProperty("field").GetString().Should().Be(field);
        (await api.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task A_country_of_the_atlas_filters_reads_and_an_unknown_one_is_a_400()
    {
        (await api.Client().GetAsync("/api/tallies?country=SD")).StatusCode.Should().Be(HttpStatusCode.OK, "Sudan is a country, with no incidents yet");
        var refused = await api.Client().GetAsync("/api/tallies?country=ZZ");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Body(refused)).GetProperty("field").GetString().Should().Be("country");
    }

    [Theory]
    [InlineData("ye-ad", "Raqqa", 409)]
    [InlineData("ye-ad", "", 422)]
    [InlineData("no-such-region", "x", 404)]
    public async Task Bad_aliases_are_refused_naming_the_field_and_store_nothing(string region, string alias, int status)
    {
        var before = await api.EventCount();
        var refused = await api.Client(Editor).PostAsync($"/api/regions/{region}/aliases", Json($$"""{"alias": "{{alias}}", "reason": "x"}"""));
        ((int)refused.StatusCode).Should().Be(status, await refused.Content.ReadAsStringAsync());
        (await api.EventCount()).Should().Be(before);
        (await api.Client(Reporter).PostAsync("/api/regions/ye-sa/aliases", Json("""{"alias": "Sanaa", "reason": "x"}""")))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "an editor teaches names");
    }

    [Fact]
    public async Task A_p_code_attached_by_event_resolves_the_division()
    {
        var response = await api.Client(Editor).PostAsync("/api/regions/YE-TA/aliases", Json("""{"alias": "YE15", "pCode": true, "reason": "OCHA COD-AB"}"""));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var written = await api.Client(Reporter).PostAsync("/api/incidents", Json(Incident("taizz-1", "YE", "YE15")));
        written.StatusCode.Should().Be(HttpStatusCode.Created, await written.Content.ReadAsStringAsync());
        (await Body(await api.Client().GetAsync("/api/incidents/taizz-1"))).GetProperty("location").GetProperty("admin1").GetString().Should().Be("ye-ta");
    }
}
