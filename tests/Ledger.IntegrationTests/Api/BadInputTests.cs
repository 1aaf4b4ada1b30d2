using System.Net;
using System.Text;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>Bad input always gets a clear 4xx problem naming the field, and nothing is stored.</summary>
public sealed class BadInputTests(ApiFixture api) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Incident = "/api/incidents";
    private const string Existing = "/api/incidents/bad-input-base";
    private const string Figure = Existing + "/figures/sohr:killed:syrian-army";

    private static string Report(string figures = "[]", string occurred = "\"2024-01-09\"", string admin1 = "Homs", string title = "\"Attack\"",
        string country = "SY", string id = "\"inc-1\"", string extra = "") =>
        $$"""{"id": {{id}}, "title": {{title}}, "occurred": {"date": {{occurred}}}, "location": {"country": "{{country}}", "admin1": "{{admin1}}"}, "type": "ambush", "figures": {{figures}}{{extra}}}""";

    private static string Fig(string value = """{"kind": "exact", "value": 5}""", string source = "sohr", string category = "killed",
        string partyClass = "state-forces", string party = "syrian-army", string extra = "") =>
        $$"""{"source": "{{source}}", "category": "{{category}}", "party": "{{party}}", "partyClass": "{{partyClass}}", "value": {{value}}, "certainty": "reported"{{extra}}}""";

    public async Task InitializeAsync()
    {
        var r = await api.Client(Reporter).PostAsync(Incident, Json(Report(id: "\"bad-input-base\"", figures: $"[{Fig()}]")));
        r.StatusCode.Should().BeOneOf(HttpStatusCode.Created, HttpStatusCode.Conflict); // xunit runs this before every case
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, string, int, string?> Cases() => new()
    {
        // name, path, body, expected status, field named
        { "malformed JSON", Incident, "{\"title\": ", 400, null },
        { "not an object", Incident, "[1,2,3]", 400, null },
        { "null body", Incident, "null", 400, null },
        { "empty body", Incident, "", 400, null },
        { "unknown field", Incident, Report(extra: ", \"casualties\": 3"), 400, "casualties" },
        { "title of wrong type", Incident, Report(title: "42"), 400, "title" },
        { "title missing", Incident, """{"occurred": {"date": "2024-01-09"}, "location": {"country": "SY", "admin1": "Homs"}, "type": "x"}""", 400, "title" },
        { "figure without a value", Incident, Report(figures: """[{"source": "sohr", "category": "killed", "party": "isis", "partyClass": "non-state-armed-groups", "certainty": "reported"}]"""), 400, "figures[0].value" },
        { "value without a kind", Incident, Report(figures: $"[{Fig("""{"value": 5}""")}]"), 400, "figures[0].value.kind" },
        { "value without its number", Incident, Report(figures: $"[{Fig("""{"kind": "atLeast"}""")}]"), 400, "figures[0].value.value" },
        { "value null", Incident, Report(figures: $"[{Fig("null")}]"), 400, "figures[0].value" },
        { "unknown field in a value", Incident, Report(figures: $"[{Fig("""{"kind": "exact", "value": 5, "approx": true}""")}]"), 400, "figures[0].value.approx" },
        { "breakdown of text", Incident, Report(figures: $"[{Fig(extra: ", \"breakdown\": {\"women\": \"nine\"}")}]"), 400, "figures[0].breakdown.women" },
        { "title null", Incident, Report(title: "null"), 400, "title" },
        { "empty title", Incident, Report(title: "\"  \""), 422, "title" },
        { "huge title", Incident, Report(title: $"\"{new string('x', 5000)}\""), 422, "title" },
        { "date not a date", Incident, Report(occurred: "\"yesterday\""), 400, "occurred.date" },
        { "date in the future", Incident, Report(occurred: "\"2999-01-01\""), 422, "occurred.date" },
        { "unknown governorate", Incident, Report(admin1: "Atlantis"), 422, "location.admin1" },
        { "governorate in another country", Incident, Report(admin1: "Anbar"), 422, "location.country" },
        { "bad country", Incident, Report(country: "XX"), 422, "location.country" },
        { "bad slug id", Incident, Report(id: "\"Not A Slug!\""), 422, "id" },
        { "id of wrong type", Incident, Report(id: "7"), 400, "id" },
        { "negative count", Incident, Report(figures: $"[{Fig("""{"kind": "exact", "value": -3}""")}]"), 422, "figures[0].value.value" },
        { "fractional count", Incident, Report(figures: $"[{Fig("""{"kind": "exact", "value": 2.5}""")}]"), 400, "figures[0].value.value" },
        { "count as a string", Incident, Report(figures: $"[{Fig("""{"kind": "exact", "value": "5"}""")}]"), 400, "figures[0].value.value" },
        { "huge count", Incident, Report(figures: $"[{Fig("""{"kind": "exact", "value": 99999999999999999999}""")}]"), 400, "figures[0].value.value" },
        { "range low > high", Incident, Report(figures: $"[{Fig("""{"kind": "range", "low": 975, "high": 950}""")}]"), 422, "figures[0].value" },
        { "unknown value kind", Incident, Report(figures: $"[{Fig("""{"kind": "lots", "value": 5}""")}]"), 400, "figures[0].value.kind" },
        { "unknown category", Incident, Report(figures: $"[{Fig(category: "dead")}]"), 400, "figures[0].category" },
        { "unknown party class", Incident, Report(figures: $"[{Fig(partyClass: "soldiers")}]"), 400, "figures[0].partyClass" },
        { "unknown source", Incident, Report(figures: $"[{Fig(source: "nobody")}]"), 422, "figures[0].source" },
        { "unknown party", Incident, Report(figures: $"[{Fig(party: "Syrian Armee")}]"), 422, "figures[0].party" },
        { "attack count on an incident", Incident, Report(figures: $"[{Fig(category: "attacks")}]"), 422, "figures[0].category" },
        { "future publication", Incident, Report(figures: $"[{Fig(extra: ", \"publishedAt\": \"2999-01-01T00:00:00Z\"")}]"), 422, "figures[0].publishedAt" },
        { "script url", Incident, Report(figures: $"[{Fig(extra: ", \"url\": \"javascript:alert(1)\"")}]"), 422, "figures[0].url" },
        { "negative breakdown", Incident, Report(figures: $"[{Fig(extra: ", \"breakdown\": {\"women\": -1}")}]"), 422, "figures[0].breakdown.women" },
        { "NUL in text", Incident, Report(title: "\"bus\\u0000attack\""), 422, "title" },
        { "deep nesting", Incident, Report(extra: ", \"x\": " + new string('[', 40) + new string(']', 40)), 400, null },
        { "figure that exists", Existing + "/figures", Fig(), 409, null },
        { "figure on unknown incident", "/api/incidents/no-such-incident/figures", Fig(), 404, null },
        { "figure on a bad incident id", "/api/incidents/NOT%20A%20SLUG/figures", Fig(), 404, "id" },
        { "revision of unknown figure", Existing + "/figures/afp:killed:ndf/revisions", """{"value": {"kind": "exact", "value": 1}, "reason": "r"}""", 404, "figureId" },
        { "revision without reason", Figure + "/revisions", """{"value": {"kind": "exact", "value": 1}}""", 400, null },
        { "revision with empty reason", Figure + "/revisions", """{"value": {"kind": "exact", "value": 1}, "reason": ""}""", 422, "reason" },
        { "dispute by the source itself", Figure + "/disputes", """{"disputedBy": "sohr", "reason": "r"}""", 422, "disputedBy" },
        { "dispute with bad counter value", Figure + "/disputes", """{"disputedBy": "sana", "reason": "r", "counterValue": {"kind": "atLeast", "value": -1}}""", 422, "counterValue.value" },
        { "resolution of unknown dispute", Existing + "/disputes/d99/resolution", """{"outcome": "upheld", "note": "n"}""", 404, "disputeId" },
        { "resolution with unknown outcome", Existing + "/disputes/d1/resolution", """{"outcome": "maybe", "note": "n"}""", 400, "outcome" },
        { "correction that changes nothing", Existing + "/corrections", """{"reason": "none"}""", 422, "occurred" },
        { "source of unknown kind", "/api/sources", """{"id": "x-src", "name": "X", "kind": "blog"}""", 400, "kind" },
        { "source with bad rank", "/api/sources", """{"id": "x-src", "name": "X", "kind": "monitor", "rank": 0}""", 422, "rank" },
        { "area with unknown member", "/api/regions", """{"id": "nowhere", "name": "N", "country": "SY", "level": "area", "members": ["Atlantis"]}""", 422, "members[0]" },
        { "regional figure on unknown region", "/api/regions/atlantis/figures", """{"source": "sohr", "period": {"from": "2020-01-01"}, "category": "attacks", "partyClass": "unknown", "value": {"kind": "exact", "value": 1}}""", 404, "id" },
        { "regional period reversed", "/api/regions/sy09/figures", """{"source": "sohr", "period": {"from": "2021-01-01", "to": "2020-01-01"}, "category": "attacks", "partyClass": "unknown", "value": {"kind": "exact", "value": 1}}""", 422, "period.to" },
        { "SQL in a text field is only text", Existing + "/figures", Fig(source: "afp", extra: ", \"quote\": \"'); DROP TABLE ledger.events; --\""), 201, null },
        { "Arabic and other Unicode are accepted", Incident, Report(id: "\"unicode-1\"", title: "\"هجوم على حافلة عسكرية قرب تدمر — Zürich 🚌\""), 201, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_a_problem_naming_the_field_and_stores_nothing(string name, string path, string body, int status, string? field)
    {
        var key = path.StartsWith("/api/sources") || path == "/api/regions" ? Admin : path.Contains("/resolution") || path.Contains("/corrections") ? Editor : Reporter;
        var before = await api.EventCount();
        var response = await api.Client(key).PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).Should().Be(status, $"{name}: {await response.Content.ReadAsStringAsync()}");
        if (status >= 400)
        {
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", name);
            var problem = await Body(response);
            problem.GetProperty("status").GetInt32().Should().Be(status);
            problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
            if (field is not null) problem.GetProperty("field").GetString().Should().Be(field, name);
            // docs/CONTRACT.md §2: a message never names a .NET type.
            problem.GetProperty("detail").GetString().Should().NotMatchRegex(@"Ledger\.|System\.|\.NET|[A-Z][a-z]+(Request|Value|Body)\b|constructor", name);
            (await api.EventCount()).Should().Be(before, $"{name} must store nothing");
        }
        else
        {
            (await api.EventCount()).Should().BeGreaterThan(before);
        }
    }

    [Theory]
    [InlineData("partyClass", "soldiers", "civilians, state-forces, non-state-armed-groups, foreign-forces, unknown")]
    [InlineData("category", "dead", "killed, injured, killed-or-injured, captured, kidnapped, missing")]
    [InlineData("certainty", "maybe", "claimed, reported, confirmed")]
    public async Task An_unknown_value_of_a_list_names_the_allowed_ones(string field, string value, string allowed)
    {
        var figure = Fig().Replace(field == "certainty" ? "\"reported\"" : field == "category" ? "\"killed\"" : "\"state-forces\"", $"\"{value}\"");
        var response = await api.Client(Reporter).PostAsync(Existing + "/figures", Json(figure.Replace("sohr", "afp")));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await Body(response);
        problem.GetProperty("field").GetString().Should().Be(field);
        problem.GetProperty("detail").GetString().Should().Contain(allowed);
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_stores_nothing()
    {
        var before = await api.EventCount();
        var response = await api.Client(Reporter).PostAsync(Incident, Json(Report(extra: $", \"description\": \"{new string('a', 70_000)}\"")));
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await Body(response)).GetProperty("status").GetInt32().Should().Be(413);
        (await api.EventCount()).Should().Be(before);
    }

    [Theory]
    [InlineData("/api/tallies?groupBy=province", "groupBy")]
    [InlineData("/api/tallies?from=2024-13-01", "from")]
    [InlineData("/api/tallies?asOfPosition=-1", "asOfPosition")]
    [InlineData("/api/tallies?asOf=last-tuesday", "asOf")]
    [InlineData("/api/tallies?category=dead", "category")]
    [InlineData("/api/tallies?admin1=Atlantis", "admin1")]
    [InlineData("/api/tallies?region=nowhere", "region")]
    [InlineData("/api/tallies?country=XX", "country")]
    [InlineData("/api/incidents?perpetrator=nobody-we-know", "perpetrator")]
    [InlineData("/api/incidents?type=picnic", "type")]
    [InlineData("/api/incidents?source=no-such-source", "source")]
    [InlineData("/api/incidents?dates=sometimes", "dates")]
    [InlineData("/api/tallies?from=2024-02-01&to=2024-01-01", "from")]
    [InlineData("/api/incidents?cursor=garbage!!", "cursor")]
    [InlineData("/api/incidents?limit=100000", "limit")]
    [InlineData("/api/events?after=abc", "after")]
    public async Task Bad_query_parameters_are_400_naming_the_parameter(string url, string field)
    {
        var response = await api.Client().GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Body(response)).GetProperty("field").GetString().Should().Be(field);
    }
}
