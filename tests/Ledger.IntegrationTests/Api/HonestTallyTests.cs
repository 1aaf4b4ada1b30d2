using System.Net;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>docs/CONTRACT.md §1: a tally never adds different categories.</summary>
public sealed class HonestTallyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Without_a_category_rows_are_split_by_category_never_added()
    {
        var created = await api.Client(Reporter).PostAsync("/api/incidents", Json("""
            {"id": "raid-split", "title": "Raid", "occurred": {"date": "2023-09-01", "precision": "month"}, "location": {"country": "SY", "admin1": "Aleppo"}, "type": "raid",
             "figures": [
               {"source": "sohr", "category": "killed", "party": "isis", "partyClass": "non-state-armed-groups", "value": {"kind": "exact", "value": 5}, "certainty": "reported"},
               {"source": "sohr", "category": "captured", "party": "isis", "partyClass": "non-state-armed-groups", "value": {"kind": "exact", "value": 1}, "certainty": "reported"}]}
            """));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await Body(await api.Client().GetAsync($"/api/tallies?admin1=Aleppo&minPosition={Position(created)}"));
        body.GetProperty("groupBy").EnumerateArray().Select(g => g.GetString()).Should().Equal("category");
        body.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("category").GetString(), r.GetProperty("best").GetInt64()))
            .Should().Equal(("captured", 1L), ("killed", 5L));

        var csv = await (await api.Client().GetAsync("/api/exports/tallies.csv?admin1=Aleppo&groupBy=admin1&bom=false")).Content.ReadAsStringAsync();
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(2).Should().Equal("SY,SY02,Aleppo,captured,1,1,1,1,0,0,0,0", "SY,SY02,Aleppo,killed,5,5,5,1,0,0,0,0");

        var history = await api.Client().GetAsync("/api/tallies/history?admin1=Aleppo");
        history.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Body(history)).GetProperty("field").GetString().Should().Be("category");
    }
}
