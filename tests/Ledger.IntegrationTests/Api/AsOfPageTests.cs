using System.Net;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>An incident's page as of a position or a release shows the incident as it stood then, says so, and
/// refuses a point beyond the head; pages refuse the parameters they do not take instead of showing the present.</summary>
public sealed class AsOfPageTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_incident_page_as_of_a_point_shows_the_incident_as_it_stood_then()
    {
        var before = await api.Database.ScalarAsync("SELECT coalesce(max(position), 0) FROM ledger.events");
        var reported = await api.Client(Reporter).PostAsync("/api/incidents", Json("""
            {"id": "asof-page", "title": "Before the recount", "occurred": {"date": "2023-05-02"}, "location": {"country": "SY", "admin1": "sy04"}, "type": "ambush",
             "figures": [{"source": "sohr", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": 4}, "certainty": "reported"}]}
            """));
        reported.StatusCode.Should().Be(HttpStatusCode.Created);
        var then = Position(reported);
        var revised = await api.Client(Reporter).PostAsync("/api/incidents/asof-page/figures/sohr:killed:civilians/revisions",
            Json("""{"value": {"kind": "exact", "value": 19}, "reason": "the list of names"}"""));
        var now = Position(revised);
        (await api.Client(Editor).PostAsync("/api/releases", Json($$"""{"name": "asof-page-r1", "position": {{then}}}"""))).StatusCode.Should().Be(HttpStatusCode.Created);

        // Pages read the projections as they are: wait for them through the API first.
        (await api.Client().GetAsync($"/api/incidents/asof-page/history?minPosition={now}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var present = await (await api.Client().GetAsync($"/incidents/asof-page")).Content.ReadAsStringAsync();
        present.Should().Contain("the list of names").And.NotContain("asof-banner");
        foreach (var query in new[] { $"asOfPosition={then}", "release=asof-page-r1" })
        {
            var page = await api.Client().GetAsync($"/incidents/asof-page?{query}");
            var html = await page.Content.ReadAsStringAsync();
            page.StatusCode.Should().Be(HttpStatusCode.OK, html);
            html.Should().Contain($"as it stood at position {then:N0}", query).And.NotContain("the list of names", "the revision came later");
            html.Should().Contain($"/api/incidents/asof-page?asOfPosition={then}", "its JSON link is as of the same point");
        }
        (await api.Client().GetAsync($"/incidents/asof-page?asOfPosition={now + 1000}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await api.Client().GetAsync($"/incidents/asof-page?asOfPosition={before}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "it was not reported yet");
    }

    [Theory]
    [InlineData("/incidents/asof-page?from=2023-01-01")]
    [InlineData("/regional?category=killed")]
    [InlineData("/drafts?text=x")]
    public async Task A_page_refuses_a_parameter_it_does_not_take(string path)
    {
        var response = await api.Client().GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, path);
        (await response.Content.ReadAsStringAsync()).Should().Contain("role=\"alert\"");
    }
}
