using System.Net;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

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
