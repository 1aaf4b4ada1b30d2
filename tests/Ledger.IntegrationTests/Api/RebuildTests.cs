using System.Net;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>A rebuild from zero gives every projection table back exactly: incidents, their history and tally
/// contributions, regions with their regional figures and history, and sources.</summary>
public sealed class RebuildTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly string[] Tables =
    [
        "SELECT incident_id || ' ' || version || ' ' || last_position || ' ' || state || ' ' || array_to_string(sources, ',') || ' ' || contested || ' ' || search FROM projections.incidents ORDER BY incident_id",
        "SELECT concat_ws(' ', position, incident_id, version, type, figure_id, dispute_id, value_before, value_after, status_before, status_after, reason) FROM projections.incident_history ORDER BY position",
        "SELECT concat_ws(' ', incident_id, category, party_class, admin1, occurred_date, low, best, high, unquantified, contested, disputed, valid_from, valid_to) FROM projections.tally_contributions ORDER BY incident_id, valid_from, category, party_class",
        "SELECT concat_ws(' ', region_id, name, country, level, parent_id, array_to_string(aliases, ','), array_to_string(members, ','), version, state) FROM projections.regions ORDER BY region_id",
        "SELECT concat_ws(' ', position, region_id, figure_id, version, type, value_before, value_after, reason) FROM projections.regional_figure_history ORDER BY position",
        "SELECT concat_ws(' ', source_id, name, kind, url, rank, effective_rank, registered_at) FROM projections.sources ORDER BY source_id",
    ];

    private async Task<List<string>> DumpAsync()
    {
        var rows = new List<string>();
        foreach (var sql in Tables)
        {
            await using var cmd = api.Database.DataSource.CreateCommand(sql);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) rows.Add(r.GetString(0));
        }
        return rows;
    }

    [Fact]
    public async Task Every_projection_table_after_a_rebuild_equals_the_live_one()
    {
        async Task<long> Post(string path, string body, string key)
        {
            var response = await api.Client(key).PostAsync(path, Json(body));
            response.StatusCode.Should().Be(HttpStatusCode.Created, $"{path}: {await response.Content.ReadAsStringAsync()}");
            return Position(response);
        }
        await Post("/api/sources", """{"id": "rebuild-src", "name": "Rebuild Source", "kind": "news-agency", "rank": 2, "url": "https://example.org"}""", Admin);
        await Post("/api/regions", """{"id": "rebuild-area", "name": "Rebuild Area", "country": "SY", "level": "area", "aliases": ["RA"], "members": ["Homs", "Hama"]}""", Admin);
        var figure = await api.Client(Reporter).PostAsync("/api/regions/rebuild-area/figures", Json("""{"source": "sohr", "period": {"from": "2020-01-01"}, "category": "killed", "partyClass": "civilians", "value": {"kind": "exact", "value": 40}}"""));
        var figureId = (await Body(figure)).GetProperty("figure").GetProperty("figureId").GetString();
        await Post($"/api/regions/rebuild-area/figures/{figureId}/revisions", """{"value": {"kind": "atLeast", "value": 44}, "reason": "later count"}""", Reporter);
        await Post("/api/incidents", """{"id": "rebuild-a", "title": "Shelling", "occurred": {"date": "2020-02-01"}, "location": {"country": "SY", "admin1": "Hama"}, "type": "shelling", "figures": [{"source": "rebuild-src", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "range", "low": 3, "high": 5}, "certainty": "reported"}, {"source": "amaq", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "exact", "value": 9}, "certainty": "claimed"}]}""", Reporter);
        await Post("/api/incidents/rebuild-a/figures/rebuild-src:killed:civilians/disputes", """{"disputedBy": "sana", "reason": "fewer"}""", Reporter);
        await Post("/api/incidents/rebuild-a/corrections", """{"location": {"country": "SY", "admin1": "Homs"}, "reason": "it was Homs"}""", Editor);
        var last = await Post("/api/incidents/rebuild-a/figures/rebuild-src:killed:civilians/revisions", """{"value": {"kind": "exact", "value": 4}, "reason": "names"}""", Reporter);
        (await api.Client().GetAsync($"/api/tallies?minPosition={last}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var live = await DumpAsync();
        live.Should().Contain(r => r.StartsWith("rebuild-area ")).And.Contain(r => r.StartsWith("rebuild-src ")).And.Contain(r => r.StartsWith("rebuild-a "));
        (await api.Client(Admin).PostAsync("/api/admin/projections/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await DumpAsync()).Should().Equal(live);
    }
}
