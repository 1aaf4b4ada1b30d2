using System.Net;
using Ledger.Server.Endpoints;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>Exports and reads that do not mislead: every category has its columns, an open high stays open, and a
/// read says how fresh it is and refuses a position no write has reached.</summary>
public sealed class HonestExportTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Raid = """{"id": "raqqa-raid", "title": "Raid on a house", "occurred": {"date": "2024-02-03"}, "location": {"country": "SY", "admin1": "Raqqa"}, "type": "raid", "figures": [{"source": "sohr", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "atLeast", "value": 14}, "certainty": "reported"}, {"source": "sohr", "category": "captured", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": 5}, "certainty": "reported"}, {"source": "sohr", "category": "missing", "party": "civilians", "partyClass": "civilians", "value": {"kind": "unquantified", "text": "a number of"}, "certainty": "reported"}]}""";

    private async Task<long> WriteRaid(string id)
    {
        var written = await api.Client(Reporter).PostAsync("/api/incidents", Json(Raid.Replace("raqqa-raid", id)));
        written.StatusCode.Should().Be(HttpStatusCode.Created, await written.Content.ReadAsStringAsync());
        return Position(written);
    }

    private static List<Dictionary<string, string>> Rows(string csv)
    {
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(2).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    [Fact]
    public async Task Incidents_csv_has_the_columns_of_every_category_and_keeps_the_raids_captured()
    {
        var position = await WriteRaid("raqqa-raid");
        var csv = await (await api.Client().GetAsync($"/api/exports/incidents.csv?minPosition={position}")).Content.ReadAsStringAsync();
        var header = csv.TrimStart('\uFEFF').Split("\r\n")[0].Split(',');
        foreach (var category in ExportEndpoints.IncidentCategories)
        {
            var name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(category.ToString());
            header.Should().Contain([name, name + "Low", name + "High", name + "HighOpen", name + "Unquantified", name + "Certainty"], category.ToString());
        }
        var raid = Rows(csv).Single(r => r["id"] == "raqqa-raid");
        (raid["captured"], raid["killed"], raid["killedHighOpen"], raid["capturedHighOpen"], raid["missingUnquantified"]).Should().Be(("5", "14", "true", "false", "1"));
    }

    [Fact]
    public async Task An_at_least_figure_keeps_its_high_open_in_the_incident_and_in_figures_csv()
    {
        var position = await WriteRaid("raqqa-raid-2");
        var incident = await Body(await api.Client().GetAsync($"/api/incidents/raqqa-raid-2?minPosition={position}"));
        incident.GetProperty("reconciled").EnumerateArray().Single(r => r.GetProperty("category").GetString() == "killed")
            .GetProperty("highOpen").GetBoolean().Should().BeTrue();
        var figures = Rows(await (await api.Client().GetAsync($"/api/exports/figures.csv?minPosition={position}")).Content.ReadAsStringAsync())
            .Where(r => r["incident"] == "raqqa-raid-2").ToDictionary(r => r["category"]);
        (figures["killed"]["highOpen"], figures["captured"]["highOpen"], figures["missing"]["highOpen"]).Should().Be(("true", "false", ""));
        // The incident's page says the open high as "or more", never as a closed upper bound.
        (await api.Client().GetStringAsync($"/incidents/raqqa-raid-2?minPosition={position}")).Should().Contain(">14 or more</td>");
    }

    [Fact]
    public async Task A_min_position_beyond_the_last_write_is_a_400_at_once_and_reads_say_how_fresh_they_are()
    {
        var position = await WriteRaid("raqqa-raid-3");
        var started = DateTime.UtcNow;
        var refused = await api.Client().GetAsync($"/api/tallies?minPosition={position + 1000}");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Body(refused)).GetProperty("code").GetString().Should().Be("beyond-head");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(2), "no waiting reaches it");
        var read = await api.Client().GetAsync($"/api/tallies?minPosition={position}");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        long.Parse(read.Headers.GetValues("X-Ledger-Read-Position").Single()).Should().BeGreaterThanOrEqualTo(position);
    }
    [Theory]
    [InlineData("SANA", 201, "sana")]
    [InlineData("Daesh", 201, "isis")]
    [InlineData("nobody-at-all", 422, null)]
    public async Task Who_disputes_resolves_as_a_source_or_an_actor_does_and_anyone_else_is_refused(string disputedBy, int status, string? stored)
    {
        var id = "dispute-" + Guid.NewGuid().ToString("N")[..8];
        await WriteRaid(id);
        var before = await api.EventCount();
        var response = await api.Client(Reporter).PostAsync($"/api/incidents/{id}/figures/sohr:killed:civilians/disputes",
            Json($$"""{"disputedBy": "{{disputedBy}}", "reason": "another toll"}"""));
        ((int)response.StatusCode).Should().Be(status, await response.Content.ReadAsStringAsync());
        if (stored is null)
        {
            (await Body(response)).GetProperty("field").GetString().Should().Be("disputedBy");
            (await api.EventCount()).Should().Be(before);
            return;
        }
        (await Body(await api.Client().GetAsync($"/api/incidents/{id}"))).GetProperty("disputes").EnumerateArray().Single()
            .GetProperty("disputedBy").GetString().Should().Be(stored);
    }
}
