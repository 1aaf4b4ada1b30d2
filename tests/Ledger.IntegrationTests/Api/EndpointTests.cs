using System.Net;
using System.Text.Json;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

public sealed class EndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<JsonElement> Get(string url, string? key = null)
    {
        var response = await api.Client(key).GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await Body(response);
    }

    private async Task<HttpResponseMessage> Post(string url, string body, string key)
    {
        var response = await api.Client(key).PostAsync(url, Json(body));
        ((int)response.StatusCode).Should().BeLessThan(300, await response.Content.ReadAsStringAsync());
        return response;
    }

    [Fact]
    public async Task Regions_and_regional_figures_beside_the_incident_tally()
    {
        (await Get("/api/regions")).GetProperty("regions").GetArrayLength().Should().BeGreaterThanOrEqualTo(34);
        (await Get("/api/regions/Deir%20Ezzor")).GetProperty("regionId").GetString().Should().Be("sy09");
        (await api.Client().GetAsync("/api/regions/atlantis")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var defined = await Post("/api/regions", """{"id": "badiya", "name": "Badiya", "country": "SY", "level": "area", "parentId": "sy", "aliases": ["Syrian Desert"], "members": ["Homs", "Deir-ez-Zor", "Suwayda"]}""", Admin);
        (await Get($"/api/regions/syrian%20desert?minPosition={Position(defined)}")).GetProperty("members").EnumerateArray().Select(m => m.GetString()).Should().Equal("sy04", "sy09", "sy13");

        var figure = await Post("/api/regions/badiya/figures", """
            {"source": "sohr", "period": {"from": "2019-03-24"}, "category": "killed", "partyClass": "state-forces",
             "value": {"kind": "approximate", "value": 515}, "publishedAt": "2020-05-09T00:00:00Z", "quote": "an estimated 515 pro-regime soldiers"}
            """, Reporter);
        var figureId = (await Body(figure)).GetProperty("figure").GetProperty("figureId").GetString();
        await Post($"/api/regions/badiya/figures/{figureId}/revisions", """{"value": {"kind": "atLeast", "value": 570}, "reason": "SOHR's later count", "publishedAt": "2020-06-01T00:00:00Z"}""", Reporter);
        await Post($"/api/regions/badiya/figures/{figureId}/disputes", """{"disputedBy": "sana", "reason": "includes militias"}""", Reporter);
        var incident = await Post("/api/incidents", """
            {"id": "mayadeen", "title": "Attack in Badiya al-Mayadeen", "occurred": {"date": "2020-05-10"}, "location": {"country": "SY", "admin1": "Deir Ezzor"},
             "type": "raid", "figures": [{"source": "sohr", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "atLeast", "value": 8}, "certainty": "reported"}]}
            """, Reporter);

        // Deaths of 2024 in the same area: after SOHR published, so never compared with its count.
        var later = await Post("/api/incidents", """
            {"id": "badiya-2024", "title": "Ambush near Al-Sukhna", "occurred": {"date": "2024-01-05"}, "location": {"country": "SY", "admin1": "Homs"},
             "type": "ambush", "figures": [{"source": "sohr", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "exact", "value": 50}, "certainty": "reported"}]}
            """, Reporter);

        var figures = await Get($"/api/regions/badiya/figures?minPosition={Position(later)}");
        var view = figures.GetProperty("figures")[0];
        view.GetProperty("figure").GetProperty("value").GetProperty("value").GetInt32().Should().Be(570);
        view.GetProperty("history").GetArrayLength().Should().Be(3);
        // "Since 2019-03-24", published 2020-06-01: the period ends at the publication, and the answer says so.
        var compared = view.GetProperty("incidentTally");
        (compared.GetProperty("from").GetString(), compared.GetProperty("to").GetString()).Should().Be(("2019-03-24", "2020-06-01"));
        compared.GetProperty("best").GetInt64().Should().Be(8, "the 2024 ambush lies outside the period");

        var tally = await Get("/api/tallies?region=badiya&category=killed");
        tally.GetProperty("rows")[0].GetProperty("best").GetInt64().Should().Be(58, "the area's tally adds its governorates' incidents, of every year");
    }

    [Fact]
    public async Task Sources_incident_lists_exports_verify_and_rebuild()
    {
        // Read after every write so far, the fixture's source registrations included.
        var sources = await Get($"/api/sources?minPosition={await api.Database.ScalarAsync("SELECT max(position) FROM ledger.events")}");
        sources.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()).Should().Contain(["sohr", "amaq"]);

        HttpResponseMessage last = null!;
        foreach (var (id, admin1, date, killed) in new[] { ("list-a", "Raqqa", "2021-03-01", 3), ("list-b", "Hasakah", "2021-04-02", 5), ("list-c", "Raqqa", "2021-04-20", 7) })
            last = await Post("/api/incidents", $$"""
                {"id": "{{id}}", "title": "Attack, \"quoted\"", "occurred": {"date": "{{date}}"}, "location": {"country": "SY", "admin1": "{{admin1}}"}, "type": "ied",
                 "figures": [{"source": "sohr", "category": "killed", "party": "sdf", "partyClass": "non-state-armed-groups", "value": {"kind": "exact", "value": {{killed}}}, "certainty": "reported"}]}
                """, Reporter);
        var min = Position(last);

        var page1 = await Get($"/api/incidents?country=SY&from=2021-01-01&to=2021-12-31&limit=2&minPosition={min}");
        page1.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal("list-c", "list-b");
        var page2 = await Get($"/api/incidents?country=SY&from=2021-01-01&to=2021-12-31&limit=2&cursor={page1.GetProperty("nextCursor").GetString()}");
        page2.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Should().Equal("list-a");

        var tallies = await (await api.Client().GetAsync($"/api/exports/tallies.csv?from=2021-01-01&to=2021-12-31&groupBy=admin1,month&minPosition={min}")).Content.ReadAsStringAsync();
        var lines = tallies.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // No category asked for: the export is split by category.
        lines[0].Should().Be("country,admin1,admin1Name,month,category,low,best,high,incidents,unquantified,contested,disputed,straddling");
        lines[1].Should().StartWith("#country+code,#adm1+code,#adm1+name,#date+month,#indicator+category,#affected+min,#affected+num,#affected+max");
        lines.Skip(2).Should().Equal("SY,SY08,Al-Hasakeh,2021-04,killed,5,5,5,1,0,0,0,0", "SY,SY11,Ar-Raqqa,2021-03,killed,3,3,3,1,0,0,0,0", "SY,SY11,Ar-Raqqa,2021-04,killed,7,7,7,1,0,0,0,0");

        var incidents = await (await api.Client().GetAsync("/api/exports/incidents.csv?admin1=Raqqa")).Content.ReadAsStringAsync();
        var rows = incidents.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        rows[1].Should().Contain("#country+code").And.Contain("#adm1+code").And.Contain("#adm1+name").And.Contain("#date+start")
            .And.Contain("#date+end").And.Contain("#affected+killed");
        rows.Skip(2).Should().HaveCount(2);
        rows[2].Should().StartWith("list-c,\"Attack, \"\"quoted\"\"\",2021-04-20,");

        var verify = await Get("/api/verify");
        verify.GetProperty("ok").GetBoolean().Should().BeTrue();
        verify.GetProperty("eventsChecked").GetInt64().Should().BeGreaterThan(0);

        (await api.Client(Editor).PostAsync("/api/admin/projections/rebuild", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var rebuilt = await api.Client(Admin).PostAsync("/api/admin/projections/rebuild", null);
        rebuilt.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Get("/api/incidents?country=SY&from=2021-01-01&to=2021-12-31")).GetProperty("incidents").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public async Task Health_feed_and_the_openapi_document()
    {
        (await Get("/health/live")).GetProperty("status").GetString().Should().Be("live");
        var ready = await Get("/health/ready");
        ready.GetProperty("status").GetString().Should().Be("ready");
        ready.GetProperty("silo").GetProperty("status").GetString().Should().Be("active");
        ready.GetProperty("silo").GetProperty("activeSilos").GetInt32().Should().Be(1);
        var feed = await Get("/api/events?after=0&limit=5");
        feed.GetProperty("events").GetArrayLength().Should().Be(5);
        feed.GetProperty("events")[0].GetProperty("hash").GetString().Should().HaveLength(64);
        feed.GetProperty("lastPosition").GetInt64().Should().Be(5);
        var head = feed.GetProperty("head").GetInt64();
        head.Should().BeGreaterThanOrEqualTo(5);
        // At the head: nothing more, and the position to save stays the head.
        var atHead = await Get($"/api/events?after={head}");
        atHead.GetProperty("events").GetArrayLength().Should().Be(0);
        atHead.GetProperty("lastPosition").GetInt64().Should().Be(head);
        // Past the head: a consumer holding a position of another ledger must notice, never save a position past the head.
        var beyond = await api.Client().GetAsync($"/api/events?after={head + 10000}");
        beyond.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await beyond.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().Should().Be("beyond-head");
        problem.GetProperty("field").GetString().Should().Be("after");
        // Tallies as of a position or time that has not come are refused too, never "as of the future".
        var future = await api.Client().GetAsync($"/api/tallies?asOfPosition={head + 10000}");
        future.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await future.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().Should().Be("beyond-head");
        (await api.Client().GetAsync("/api/tallies?asOf=2999-01-01T00:00:00Z")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await api.Client().GetAsync($"/api/tallies?asOfPosition={head}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var doc = await Get("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/sources", "/api/regions", "/api/regions/{id}", "/api/incidents", "/api/incidents/{id}",
                     "/api/incidents/{id}/figures", "/api/incidents/{id}/figures/{figureId}/revisions", "/api/incidents/{id}/figures/{figureId}/disputes",
                     "/api/incidents/{id}/disputes/{disputeId}/resolution", "/api/incidents/{id}/figures/{figureId}/retraction",
                     "/api/incidents/{id}/corrections", "/api/incidents/{id}/retraction", "/api/incidents/{id}/history", "/api/tallies",
                     "/api/tallies/history", "/api/regions/{id}/figures", "/api/events", "/api/exports/tallies.csv", "/api/exports/incidents.csv",
                     "/api/verify", "/health/live", "/health/ready" })
            paths.TryGetProperty(path, out _).Should().BeTrue(path);
        doc.GetProperty("components").GetProperty("schemas").TryGetProperty("ReportIncidentRequest", out var report).Should().BeTrue();
        report.GetProperty("properties").TryGetProperty("figures", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Writes_beyond_the_rate_limit_get_429()
    {
        await using var limited = api.NewFactory(writesPerSecond: 2);
        var client = api.Client(Reporter, limited);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            statuses.Add((await client.PostAsync("/api/incidents", Json($$"""{"id": "rate-{{i}}", "title": "t", "occurred": {"date": "2023-01-01"}, "location": {"country": "SY", "admin1": "sy01"}, "type": "ied"}"""))).StatusCode);
        statuses.Should().Contain(HttpStatusCode.TooManyRequests);
        statuses.Should().Contain(HttpStatusCode.Created);
    }
}

public sealed class ReadinessTests
{
    [Fact]
    public async Task A_node_whose_database_is_unreachable_is_live_not_ready_and_answers_503()
    {
        await using var orphan = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Ledger:Db", "Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=2");
            ApiFixture.OwnSilo(b);
            b.UseSetting("Ledger:ApiKeys:0", $"newsroom:reporter:{ApiFixture.Reporter}");
        });
        var client = orphan.CreateClient();
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFixture.Reporter);
        var write = await client.PostAsync("/api/incidents", Json("""{"id": "x-1", "title": "t", "occurred": {"date": "2023-01-01"}, "location": {"country": "SY", "admin1": "sy01"}, "type": "ied"}"""));
        write.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        write.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task Readiness_fails_while_the_projections_lag_beyond_the_bound()
    {
        // A database of its own: no other node may catch the projections up.
        var db = new PostgresDatabase();
        await db.InitializeAsync();
        try
        {
            await using var lagging = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                b.UseSetting("Ledger:Db", db.ConnectionString);
                ApiFixture.OwnSilo(b);
                b.UseSetting("Ledger:ApiKeys:0", $"newsroom:reporter:{ApiFixture.Reporter}");
                b.UseSetting("Ledger:RunProjections", "false");
                b.UseSetting("Ledger:MaxProjectionLag", "0");
            });
            var client = lagging.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiFixture.Reporter);
            (await client.PostAsync("/api/incidents", Json("""{"id": "lag-1", "title": "t", "occurred": {"date": "2023-01-01"}, "location": {"country": "SY", "admin1": "sy01"}, "type": "ied"}""")))
                .StatusCode.Should().Be(HttpStatusCode.Created);
            var ready = await client.GetAsync("/health/ready");
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await Body(ready)).GetProperty("code").GetString().Should().Be("projection-lag");
        }
        finally
        {
            await db.DisposeAsync();
        }
    }
}
