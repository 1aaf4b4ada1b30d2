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

    [Theory]
    [InlineData("/api/incidents?perpetratr=isis", "perpetratr", "unknown-parameter")]
    [InlineData("/api/tallies?groupby=admin1", "groupby", "unknown-parameter")]
    [InlineData("/api/tallies?perpetrator=isis", "perpetrator", "unknown-parameter")]
    [InlineData("/api/exports/tallies.csv?type=ied", "type", "unknown-parameter")]
    [InlineData("/api/sources?country=SY", "country", "unknown-parameter")]
    [InlineData("/api/incidents/sukhna-claim?verbose=true", "verbose", "unknown-parameter")]
    [InlineData("/api/incidents?country=SY&country=IQ", "country", "repeated-parameter")]
    [InlineData("/api/tallies?claims=only", "claims", "bad-request")]
    public async Task Unknown_and_repeated_query_parameters_are_400s_naming_them(string url, string field, string code)
    {
        var response = await api.Client().GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await Body(response);
        (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()).Should().Be((field, code));
    }

    private async Task<List<(string Key, long Best, long Incidents, long Contested, long Disputed)>> Rows(string url)
    {
        var body = await Body(await api.Client().GetAsync(url));
        return body.GetProperty("rows").EnumerateArray().Select(r => (
            r.TryGetProperty("admin1", out var a) && a.ValueKind == System.Text.Json.JsonValueKind.String ? a.GetString()! : r.GetProperty("partyClass").GetString()!,
            r.GetProperty("best").GetInt64(), r.GetProperty("incidents").GetInt64(), r.GetProperty("contested").GetInt64(), r.GetProperty("disputed").GetInt64())).ToList();
    }
}

/// <summary>docs/CONTRACT.md §2: replays carry the first answer's headers; a body is the same body however it is
/// indented; If-None-Match answers 304; If-Match: * asks only that the incident exists.</summary>
public sealed class ConditionalRequestTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static HttpRequestMessage Post(string url, string body, string key, string? idempotencyKey = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task A_replay_carries_the_first_answers_headers_and_a_reindented_body_is_the_same_body()
    {
        const string body = """{"id": "replayed", "title": "t", "occurred": {"date": "2023-02-01"}, "location": {"country": "SY", "admin1": "sy01"}, "type": "ied"}""";
        var first = await api.Client(Reporter).SendAsync(Post("/api/incidents", body, Reporter, "replay-1"));
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var events = await api.EventCount();
        const string reindented = """
            {
              "type": "ied", "location": {"admin1": "sy01", "country": "SY"},
              "title": "t", "occurred": {"date": "2023-02-01"}, "id": "replayed"
            }
            """;
        var again = await api.Client(Reporter).SendAsync(Post("/api/incidents", reindented, Reporter, "replay-1"));
        again.StatusCode.Should().Be(HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
        again.Headers.GetValues("X-Ledger-Position").Should().Equal(first.Headers.GetValues("X-Ledger-Position"));
        again.Headers.Location.Should().Be(first.Headers.Location);
        again.Headers.ETag.Should().Be(first.Headers.ETag);
        (await api.EventCount()).Should().Be(events);

        var other = await api.Client(Reporter).SendAsync(Post("/api/incidents", body.Replace("\"t\"", "\"other\""), Reporter, "replay-1"));
        other.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task If_none_match_answers_304_and_if_match_star_asks_only_that_the_incident_exists()
    {
        var created = await api.Client(Reporter).SendAsync(Post("/api/incidents",
            """{"id": "etagged", "title": "t", "occurred": {"date": "2023-02-01"}, "location": {"country": "SY", "admin1": "sy01"}, "type": "ied"}""", Reporter));
        var etag = created.Headers.ETag!.Tag;
        var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/incidents/etagged");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var notModified = await api.Client().SendAsync(conditional);
        notModified.StatusCode.Should().Be(HttpStatusCode.NotModified);
        notModified.Headers.ETag!.Tag.Should().Be(etag);
        var stale = new HttpRequestMessage(HttpMethod.Get, "/api/incidents/etagged");
        stale.Headers.TryAddWithoutValidation("If-None-Match", "\"0\"");
        (await api.Client().SendAsync(stale)).StatusCode.Should().Be(HttpStatusCode.OK);

        var star = await api.Client(Reporter).SendAsync(Post("/api/incidents/etagged/figures",
            """{"source": "sohr", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": 1}, "certainty": "reported"}""",
            Reporter, ifMatch: "*"));
        star.StatusCode.Should().Be(HttpStatusCode.Created, await star.Content.ReadAsStringAsync());
    }
}

/// <summary>docs/CONTRACT.md §2: every error is problem+json, what ASP.NET Core answers before our code included.</summary>
public sealed class FrameworkErrorTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Unknown_routes_and_wrong_methods_get_problems()
    {
        var unknown = await api.Client().GetAsync("/api/nothing-here");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Body(unknown)).GetProperty("code").GetString().Should().Be("no-such-route");

        var method = await api.Client(Admin).DeleteAsync("/api/incidents");
        method.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        method.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Body(method)).GetProperty("status").GetInt32().Should().Be(405);
    }
}
