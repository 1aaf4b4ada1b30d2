using System.Net;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>docs/CONTRACT.md §1: rows say how many incidents rest on claims alone (contested) or carry an open dispute;
/// claims=exclude leaves the claim-only ones out. The expected numbers are worked out by hand below.</summary>
public sealed class ClaimsAndDisputesTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string F(string source, string party, string partyClass, int n, string certainty) =>
        $$"""{"source": "{{source}}", "category": "killed", "party": "{{party}}", "partyClass": "{{partyClass}}", "value": {"kind": "exact", "value": {{n}}}, "certainty": "{{certainty}}"}""";

    private async Task<long> Report(string id, string title, string perpetrator, params string[] figures)
    {
        var created = await api.Client(Reporter).PostAsync("/api/incidents", Json($$"""
            {"id": "{{id}}", "title": "{{title}}", "occurred": {"date": "2017-06-05"}, "location": {"country": "SY", "admin1": "Homs"},
             "type": "attack", "perpetrator": "{{perpetrator}}", "description": "Reported near the T2 pumping station", "figures": [{{string.Join(",", figures)}}]}
            """));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return Position(created);
    }

    [Fact]
    public async Task Rows_count_contested_and_disputed_incidents_and_claims_can_be_left_out()
    {
        // A: only Amaq's claim (20 soldiers): the row rests on claims alone, so it is contested and counts 20.
        await Report("sukhna-claim", "Attack at Al-Sukhna", "isis", F("amaq", "syrian-army", "state-forces", 20, "reported"));
        // B: SOHR's 10 soldiers, disputed by SANA: counted, and disputed.
        await Report("palmyra-disputed", "Attack near Palmyra", "isis", F("sohr", "syrian-army", "state-forces", 10, "reported"));
        var disputed = await api.Client(Reporter).PostAsync("/api/incidents/palmyra-disputed/figures/sohr:killed:syrian-army/disputes",
            Json("""{"disputedBy": "sana", "reason": "fewer soldiers died", "counterValue": {"kind": "exact", "value": 3}}"""));
        disputed.StatusCode.Should().Be(HttpStatusCode.Created, await disputed.Content.ReadAsStringAsync());
        // C: SOHR's 4 civilians beside Amaq's 30: the claim is not eligible, the row is not contested and counts 4.
        var last = await Report("qaryatayn-both", "Shelling of Al-Qaryatayn", "isis",
            F("sohr", "civilians", "civilians", 4, "reported"), F("amaq", "civilians", "civilians", 30, "claimed"));
        last = Math.Max(last, Position(disputed));

        var rows = await Rows($"/api/tallies?admin1=Homs&category=killed&groupBy=admin1&minPosition={last}");
        rows.Should().Equal(("sy04", 34L, 3L, 1L, 1L));
        (await Rows("/api/tallies?admin1=Homs&category=killed&groupBy=admin1&claims=exclude")).Should().Equal(("sy04", 14L, 2L, 0L, 1L));
        (await Rows("/api/tallies?admin1=Homs&category=killed&groupBy=partyClass")).Should().Equal(("civilians", 4L, 1L, 0L, 0L), ("state-forces", 30L, 2L, 1L, 1L));
        (await Rows("/api/tallies?admin1=Homs&category=killed&groupBy=partyClass&claims=exclude")).Should().Equal(("civilians", 4L, 1L, 0L, 0L), ("state-forces", 10L, 1L, 0L, 1L));

        var csv = (await (await api.Client().GetAsync("/api/exports/tallies.csv?admin1=Homs&category=killed&groupBy=admin1&bom=false")).Content.ReadAsStringAsync())
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv[0].Should().Be("country,admin1,admin1Name,low,best,high,incidents,unquantified,contested,disputed,straddling");
        csv[1].Should().EndWith("#event+contested+num,#event+disputed+num,#event+straddling+num");
        csv[2].Should().Be("SY,SY04,Homs,34,34,34,3,0,1,1,0");

        var incidents = (await (await api.Client().GetAsync("/api/exports/incidents.csv?admin1=Homs&bom=false")).Content.ReadAsStringAsync())
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = incidents[0].Split(',');
        string Cell(string id, string column) => incidents.Single(l => l.StartsWith(id + ",", StringComparison.Ordinal)).Split(',')[Array.IndexOf(header, column)];
        (Cell("sukhna-claim", "killedCertainty"), Cell("sukhna-claim", "contested"), Cell("sukhna-claim", "disputed")).Should().Be(("claimed", "true", "false"),
            "Amaq is an armed group: its figure is stored as claimed, whatever the request said");
        (Cell("palmyra-disputed", "killedCertainty"), Cell("palmyra-disputed", "contested"), Cell("palmyra-disputed", "disputed")).Should().Be(("reported", "false", "true"));
        (Cell("qaryatayn-both", "killed"), Cell("qaryatayn-both", "contested")).Should().Be(("4", "false"));
    }

    [Fact]
    public async Task Incident_lists_filter_by_perpetrator_source_class_category_flags_and_text()
    {
        var last = await Report("deir-list-a", "Car bomb in Palmyra market", "hts", F("sohr", "civilians", "civilians", 2, "reported"));
        last = Math.Max(last, await Report("deir-list-b", "Ambush on the Sukhna road", "isis", F("amaq", "syrian-army", "state-forces", 7, "claimed")));
        async Task<string[]> Ids(string query)
        {
            var response = await api.Client().GetAsync($"/api/incidents?admin1=Homs&{query}&minPosition={last}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return (await Body(response)).GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)
                .Where(id => id.StartsWith("deir-list-", StringComparison.Ordinal)).Order().ToArray();
        }
        (await Ids("perpetrator=hts")).Should().Equal("deir-list-a");
        (await Ids("perpetrator=ISIS")).Should().Equal("deir-list-b");
        (await Ids("source=amaq")).Should().Equal("deir-list-b");
        (await Ids("partyClass=civilians")).Should().Equal("deir-list-a");
        (await Ids("category=killed")).Should().Equal("deir-list-a", "deir-list-b");
        (await Ids("category=injured")).Should().BeEmpty();
        (await Ids("contested=true")).Should().Equal("deir-list-b");
        (await Ids("q=PALMYRA%20market")).Should().Equal("deir-list-a");
        (await Ids("q=pumping")).Should().Equal("deir-list-a", "deir-list-b");

        var csv = await (await api.Client().GetAsync("/api/exports/incidents.csv?admin1=Homs&perpetrator=hts&bom=false")).Content.ReadAsStringAsync();
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(l => l.Split(',')[0]).Should().Equal("deir-list-a");
    }

    private async Task<List<(string Key, long Best, long Incidents, long Contested, long Disputed)>> Rows(string url)
    {
        var body = await Body(await api.Client().GetAsync(url));
        return body.GetProperty("rows").EnumerateArray().Select(r => (
            r.TryGetProperty("admin1", out var a) && a.ValueKind == System.Text.Json.JsonValueKind.String ? a.GetString()! : r.GetProperty("partyClass").GetString()!,
            r.GetProperty("best").GetInt64(), r.GetProperty("incidents").GetInt64(), r.GetProperty("contested").GetInt64(), r.GetProperty("disputed").GetInt64())).ToList();
    }
}
