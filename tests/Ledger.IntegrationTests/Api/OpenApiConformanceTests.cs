using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>docs/CONTRACT.md §2: the OpenAPI document describes the server as it really answers. Every operation is called
/// (the tour's requests, then the error table) and each real answer is held against the document: its status
/// declared, its media type declared, its body valid against the declared schema (NJsonSchema), its query
/// parameters and headers declared. Nothing here restates the document, so it cannot drift from the server.</summary>
public sealed class OpenApiConformanceTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private sealed record Call(string Method, string Url, string? Body = null, string? Key = null, Action<HttpRequestMessage>? Headers = null, string? ContentType = null);

    private sealed class Document
    {
        private readonly JsonObject _paths;
        private readonly string _definitions;
        private readonly Dictionary<string, JsonSchema> _schemas = [];

        public Document(string json)
        {
            // JSON Schema validators resolve refs inside the schema document: components become definitions.
            var root = JsonNode.Parse(json.Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal))!.AsObject();
            _paths = root["paths"]!.AsObject();
            _definitions = root["components"]!["schemas"]!.ToJsonString();
        }

        public IEnumerable<(string Method, string Path, JsonObject Operation)> Operations() =>
            _paths.SelectMany(p => p.Value!.AsObject().Select(o => (o.Key.ToUpperInvariant(), p.Key, o.Value!.AsObject())));

        public (string Path, JsonObject Operation) Find(string method, string url)
        {
            var path = url.Split('?')[0];
            var matches = _paths.Where(p => Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+\}", "[^/]+") + "$"))
                .OrderBy(p => p.Key.Count(c => c == '{')).ToList();
            matches.Should().NotBeEmpty($"{method} {path} must be in the document");
            var (template, item) = (matches[0].Key, matches[0].Value!.AsObject());
            item.ContainsKey(method.ToLowerInvariant()).Should().BeTrue($"{method} {template} must be in the document");
            return (template, item[method.ToLowerInvariant()]!.AsObject());
        }

        public async Task<JsonSchema> SchemaAsync(JsonNode schema)
        {
            var text = schema.ToJsonString();
            if (_schemas.TryGetValue(text, out var cached)) return cached;
            // A $ref's siblings are ignored by older drafts: the schema goes under allOf, beside the definitions.
            var rooted = new JsonObject { ["allOf"] = new JsonArray(JsonNode.Parse(text)), ["definitions"] = JsonNode.Parse(_definitions) };
            return _schemas[text] = await JsonSchema.FromJsonAsync(rooted.ToJsonString());
        }
    }

    [Fact]
    public async Task Every_real_answer_matches_the_document()
    {
        var doc = new Document(await (await api.Client().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync());
        var exercised = new HashSet<(string, string)>();
        var statuses = new List<string>();

        async Task<HttpResponseMessage> Check(Call call)
        {
            using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Url);
            if (call.Body is not null) request.Content = new StringContent(call.Body, Encoding.UTF8, call.ContentType ?? "application/json");
            call.Headers?.Invoke(request);
            var response = await api.Client(call.Key).SendAsync(request);
            var status = ((int)response.StatusCode).ToString();
            var what = $"{call.Method} {call.Url} answered {status}";
            var (template, operation) = doc.Find(call.Method, call.Url);
            exercised.Add((call.Method, template));
            statuses.Add(status);
            // Parenthesised: "?." would otherwise skip the assertion itself when the summary is missing.
            (operation["summary"]?.GetValue<string>()).Should().NotBeNullOrWhiteSpace($"{call.Method} {template} needs a summary");

            // Query parameters and request headers we send are declared (an unknown one is sent only to get its 400).
            var declared = (operation["parameters"]?.AsArray() ?? []).Select(p => (p!["in"]!.GetValue<string>(), p["name"]!.GetValue<string>())).ToHashSet();
            var query = call.Url.Contains('?') ? call.Url.Split('?')[1].Split('&').Select(q => q.Split('=')[0]).ToList() : [];
            var unknownParameter = status == "400" && (await response.Content.ReadAsStringAsync()).Contains("unknown-parameter");
            if (!unknownParameter) foreach (var q in query) declared.Should().Contain(("query", q), $"{what}: query parameter {q}");
            foreach (var h in request.Headers.Select(h => h.Key).Where(h => h is "Idempotency-Key" or "If-Match" or "If-None-Match" or "X-Correlation-Id"))
                declared.Should().Contain(("header", h), $"{what}: header {h}");

            var responses = operation["responses"]!.AsObject();
            responses.ContainsKey(status).Should().BeTrue($"{what}, which the document does not declare (it has {string.Join(", ", responses.Select(r => r.Key))}): {await response.Content.ReadAsStringAsync()}");
            var declaredResponse = responses[status]!.AsObject();
            foreach (var header in response.Headers.Select(h => h.Key).Where(h => h is "ETag" or "Location" or "X-Ledger-Position"))
                (declaredResponse["headers"]?.AsObject().ContainsKey(header) ?? false).Should().BeTrue($"{what}: response header {header} must be declared");

            var body = await response.Content.ReadAsStringAsync();
            if (body.Length == 0) return response;
            var mediaType = response.Content.Headers.ContentType!.MediaType!;
            var content = declaredResponse["content"]?.AsObject();
            (content?.ContainsKey(mediaType) ?? false).Should().BeTrue($"{what} as {mediaType}, which the document does not declare");
            if (mediaType.EndsWith("json", StringComparison.Ordinal))
            {
                // A JSON answer whose declared content has no schema would never be checked: that is a failure too.
                var schemaNode = content![mediaType]!["schema"];
                schemaNode.Should().NotBeNull($"{what}: its declared {mediaType} content needs a schema");
                var errors = (await doc.SchemaAsync(schemaNode!)).Validate(body);
                errors.Should().BeEmpty($"{what}: {body[..Math.Min(body.Length, 600)]}\nbreaks its schema: {string.Join("; ", errors.Select(e => $"{e.Path} {e.Kind}"))}");
            }
            return response;
        }

        async Task<HttpResponseMessage> Ok(Call call, HttpStatusCode expected)
        {
            var r = await Check(call);
            r.StatusCode.Should().Be(expected, $"{call.Method} {call.Url}: {await r.Content.ReadAsStringAsync()}");
            return r;
        }

        // The tour: every operation once, as a user meets it.
        await Ok(new("POST", "/api/sources", """{"id": "afp-oa", "name": "AFP", "kind": "news-agency", "url": "https://www.afp.com"}""", Admin), HttpStatusCode.Created);
        await Ok(new("GET", "/api/sources"), HttpStatusCode.OK);
        await Ok(new("POST", "/api/regions", """{"id": "badiya-oa", "name": "Badiya", "country": "SY", "level": "area", "aliases": ["Syrian Desert"], "members": ["Homs", "Deir-ez-Zor"]}""", Admin), HttpStatusCode.Created);
        await Ok(new("GET", "/api/regions"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/regions/sy09"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/sources/SOHR/record"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/sources/no-such-source/record"), HttpStatusCode.NotFound);
        await Ok(new("POST", "/api/regions/YE-SA/aliases", """{"alias": "Sanaa (OA)", "reason": "the name sources give"}""", Editor), HttpStatusCode.OK);
        var created = await Ok(new("POST", "/api/incidents", """
            {"id": "oa-sukhna", "title": "Attack at Al-Sukhna", "occurred": {"date": "2017-06-05", "precision": "day"},
             "location": {"country": "SY", "admin1": "حمص", "place": "Al-Sukhna", "precision": "near"}, "type": "attack", "perpetrator": "isis",
             "figures": [{"source": "amaq", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "exact", "value": 20}, "certainty": "claimed"},
                         {"source": "sohr", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "atLeast", "value": 14}, "certainty": "reported",
                          "publishedAt": "2017-06-06T10:00:00Z", "quote": "at least 14", "breakdown": {"officers": 2}}]}
            """, Reporter, r => r.Headers.Add("Idempotency-Key", "oa-1")), HttpStatusCode.Created);
        await Ok(new("POST", "/api/incidents/oa-sukhna/figures", """{"source": "afp-oa", "category": "injured", "party": "civilians", "partyClass": "civilians", "value": {"kind": "range", "low": 5, "high": 9}, "certainty": "reported"}""",
            Reporter, r => r.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.Tag)), HttpStatusCode.Created);
        await Ok(new("POST", "/api/incidents/oa-sukhna/figures/batch", """{"figures": [{"source": "sana", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": 2}, "certainty": "reported"}]}""", Reporter), HttpStatusCode.Created);
        await Ok(new("POST", "/api/incidents/oa-sukhna/figures/sohr:killed:syrian-army/revisions", """{"value": {"kind": "exact", "value": 16}, "reason": "SOHR's update", "publishedAt": "2017-06-07T08:00:00Z"}""", Reporter), HttpStatusCode.Created);
        var dispute = await Ok(new("POST", "/api/incidents/oa-sukhna/figures/sohr:killed:syrian-army/disputes", """{"disputedBy": "sana", "reason": "fewer", "counterValue": {"kind": "exact", "value": 3}}""", Reporter), HttpStatusCode.Created);
        var disputeId = (await Body(dispute)).GetProperty("disputeId").GetString();
        await Ok(new("POST", $"/api/incidents/oa-sukhna/disputes/{disputeId}/resolution", """{"outcome": "dismissed", "note": "names listed"}""", Editor), HttpStatusCode.Created);
        await Ok(new("POST", "/api/incidents/oa-sukhna/figures/afp-oa:injured:civilians/retraction", """{"reason": "duplicate"}""", Reporter), HttpStatusCode.Created);
        await Ok(new("POST", "/api/imports/ucdp?version=25.1", "not,a,ged,file\n", Editor, ContentType: "text/csv"), HttpStatusCode.UnprocessableEntity);
        await Ok(new("POST", "/api/imports/acled", "not,an,acled,file\n", Editor, ContentType: "text/csv"), HttpStatusCode.UnprocessableEntity);
        await Ok(new("POST", "/api/incidents/oa-sukhna/corrections", """{"type": "ambush", "reason": "it was an ambush"}""", Editor), HttpStatusCode.Created);
        var last = await Ok(new("POST", "/api/incidents", """{"id": "oa-gone", "title": "Not an attack", "occurred": {"date": "2017-06-05"}, "location": {"country": "SY"}, "type": "attack"}""", Reporter), HttpStatusCode.Created);
        last = await Ok(new("POST", "/api/incidents/oa-gone/retraction", """{"reason": "an accident"}""", Editor), HttpStatusCode.Created);
        var min = Position(last);
        var incident = await Ok(new("GET", $"/api/incidents/oa-sukhna?minPosition={min}"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/incidents/oa-sukhna", Headers: r => r.Headers.TryAddWithoutValidation("If-None-Match", incident.Headers.ETag!.Tag)), HttpStatusCode.NotModified);
        await Ok(new("GET", "/api/incidents/oa-sukhna/history", Headers: r => r.Headers.Add("X-Correlation-Id", "oa-history")), HttpStatusCode.OK);
        await Ok(new("GET", $"/api/incidents/oa-sukhna?asOfPosition={min - 1}"), HttpStatusCode.OK);
        await Ok(new("GET", $"/api/incidents/oa-sukhna/history?asOfPosition={min - 1}"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/incidents?updatedAfter=0&limit=5"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/incidents?country=SY&admin1=Homs&from=2017-01-01&to=2017-12-31&perpetrator=isis&source=sohr&partyClass=state-forces&category=killed&disputed=false&contested=false&q=sukhna&includeRetracted=true&limit=5"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/tallies?groupBy=admin1,month,partyClass&claims=exclude"), HttpStatusCode.OK);
        await Ok(new("GET", $"/api/tallies?region=badiya-oa&category=killed&groupBy=year&asOfPosition={min - 3}"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/tallies/history?admin1=sy04&category=killed"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/exports/tallies.csv?groupBy=admin1&bom=false"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/exports/incidents.csv?country=SY"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/exports/figures.csv?country=SY"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/exports/ged.csv?country=SY"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/exports/acled.csv?country=SY"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/exports/sources.csv"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/actors"), HttpStatusCode.OK);
        await Ok(new("POST", "/api/actors", """{"id": "oa-houthis", "name": "Ansar Allah", "nameAr": "أنصار الله", "partyClass": "non-state-armed-groups", "reason": "covering Yemen"}""", Editor), HttpStatusCode.Created);
        await Ok(new("POST", "/api/actors/oa-houthis/aliases", """{"alias": "Houthis (OA)", "reason": "press usage"}""", Editor), HttpStatusCode.OK);
        await Ok(new("POST", "/api/actors/oa-houthis/aliases/removal", """{"alias": "Houthis (OA)", "reason": "too broad"}""", Editor), HttpStatusCode.OK);
        await Ok(new("POST", "/api/actors/oa-houthis/rename", """{"name": "Houthi movement (OA)", "reason": "the press name"}""", Editor), HttpStatusCode.OK);
        await Ok(new("POST", "/api/actors", """{"id": "oa-yemen-rebels", "name": "Yemen rebels (OA)", "partyClass": "non-state-armed-groups", "reason": "one group"}""", Editor), HttpStatusCode.Created);
        await Ok(new("POST", "/api/actors/oa-yemen-rebels/merge", """{"into": "oa-houthis", "reason": "the same group"}""", Editor), HttpStatusCode.OK);
        await Ok(new("GET", "/api/actors?q=houthi"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/actors/oa-houthis"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/actors/no-such-actor"), HttpStatusCode.NotFound);
        await Ok(new("POST", "/api/actors/oa-houthis/aliases", """{"alias": "Daesh", "reason": "mistake"}""", Editor), HttpStatusCode.Conflict);
        await Ok(new("GET", "/api/incident-types"), HttpStatusCode.OK);
        await Ok(new("POST", "/api/drafts", """{"text": "On May 2, ISIS fighters killed 10 members of the PMF in Salahaddin province. ISIS carried out 45 attacks.", "publishedAt": "2020-05-10T00:00:00Z", "source": "the-arab-weekly"}""", Reporter), HttpStatusCode.OK);
        await Ok(new("POST", "/api/drafts", """{"text": "", "publishedAt": "2020-05-10T00:00:00Z"}""", Reporter), HttpStatusCode.BadRequest);
        var regional = await Ok(new("POST", "/api/regions/badiya-oa/figures", """{"source": "sohr", "period": {"from": "2019-03-24"}, "category": "killed", "partyClass": "state-forces", "value": {"kind": "approximate", "value": 515}, "publishedAt": "2020-05-09T00:00:00Z"}""", Reporter), HttpStatusCode.Created);
        var regionalId = (await Body(regional)).GetProperty("figure").GetProperty("figureId").GetString();
        await Ok(new("POST", $"/api/regions/badiya-oa/figures/{regionalId}/revisions", """{"value": {"kind": "atLeast", "value": 570}, "reason": "later count"}""", Reporter), HttpStatusCode.Created);
        var regionalDispute = await Ok(new("POST", $"/api/regions/badiya-oa/figures/{regionalId}/disputes", """{"disputedBy": "sana", "reason": "militias included"}""", Reporter), HttpStatusCode.Created);
        await Ok(new("GET", $"/api/regions/badiya-oa/figures?minPosition={Position(regionalDispute)}"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/events?after=0&limit=50"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/verify"), HttpStatusCode.OK);
        await Ok(new("POST", "/api/releases", """{"name": "oa-release", "note": "for the document"}""", Editor), HttpStatusCode.Created);
        await Ok(new("GET", "/api/releases"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/releases/oa-release"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/checkpoints"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/tallies?release=oa-release&groupBy=admin1"), HttpStatusCode.OK);
        await Ok(new("POST", "/api/releases", """{"name": "oa-release"}""", Editor), HttpStatusCode.Conflict);
        await Ok(new("GET", "/api/releases/no-such-release"), HttpStatusCode.NotFound);
        await Ok(new("GET", "/api/changes?fromRelease=oa-release"), HttpStatusCode.OK);
        await Ok(new("GET", "/api/changes?from=0&to=999999999"), HttpStatusCode.BadRequest);
        await Ok(new("GET", "/api/exports/changes.csv?from=0"), HttpStatusCode.OK);
        await Ok(new("POST", "/api/admin/projections/rebuild", null, Admin), HttpStatusCode.OK);
        await Ok(new("GET", "/health/live"), HttpStatusCode.OK);
        await Ok(new("GET", "/health/ready"), HttpStatusCode.OK);

        // The error table of docs/CONTRACT.md §2.
        await Ok(new("POST", "/api/incidents", "{\"title\": ", Reporter), HttpStatusCode.BadRequest);
        await Ok(new("POST", "/api/incidents/oa-sukhna/figures", """{"source": "sohr", "category": "killed", "party": "isis", "partyClass": "soldiers", "value": {"kind": "exact", "value": 1}, "certainty": "reported"}""", Reporter), HttpStatusCode.BadRequest);
        await Ok(new("GET", "/api/incidents?perpetratr=isis"), HttpStatusCode.BadRequest);
        await Ok(new("GET", "/api/events?after=99999999"), HttpStatusCode.BadRequest);
        await Ok(new("GET", "/api/incidents?perpetrator=nobody-known"), HttpStatusCode.BadRequest);
        await Ok(new("GET", "/api/tallies?groupBy=province"), HttpStatusCode.BadRequest);
        await Ok(new("POST", "/api/incidents", """{"title": "t", "occurred": {"date": "2017-01-01"}, "location": {"country": "SY"}, "type": "x"}"""), HttpStatusCode.Unauthorized);
        await Ok(new("POST", "/api/sources", """{"id": "x-oa", "name": "X", "kind": "monitor"}""", Reporter), HttpStatusCode.Forbidden);
        await Ok(new("POST", "/api/admin/projections/rebuild", null, Reader), HttpStatusCode.Forbidden);
        await Ok(new("GET", "/api/incidents/no-such-incident"), HttpStatusCode.NotFound);
        await Ok(new("GET", "/api/incidents/no-such-incident/history"), HttpStatusCode.NotFound);
        await Ok(new("GET", "/api/regions/atlantis"), HttpStatusCode.NotFound);
        await Ok(new("POST", "/api/incidents/no-such-incident/retraction", """{"reason": "r"}""", Editor), HttpStatusCode.NotFound);
        await Ok(new("POST", "/api/incidents/oa-sukhna/figures", """{"source": "sohr", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "exact", "value": 1}, "certainty": "reported"}""", Reporter), HttpStatusCode.Conflict);
        await Ok(new("POST", "/api/incidents/oa-sukhna/figures", """{"source": "sana", "category": "killed", "party": "civilians", "partyClass": "civilians", "value": {"kind": "exact", "value": 1}, "certainty": "reported"}""",
            Reporter, r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")), HttpStatusCode.PreconditionFailed);
        await Ok(new("POST", "/api/incidents", $$"""{"title": "{{new string('x', 70_000)}}"}""", Reporter), HttpStatusCode.RequestEntityTooLarge);
        await Ok(new("POST", "/api/incidents", "title=x", Reporter, ContentType: "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType);
        await Ok(new("POST", "/api/incidents", """{"id": "oa-future", "title": "t", "occurred": {"date": "2999-01-01"}, "location": {"country": "SY"}, "type": "x"}""", Reporter), HttpStatusCode.UnprocessableEntity);
        await Ok(new("POST", "/api/incidents", """{"id": "oa-sukhna", "title": "other", "occurred": {"date": "2017-06-05"}, "location": {"country": "SY"}, "type": "x"}""", Reporter,
            r => r.Headers.Add("Idempotency-Key", "oa-1")), HttpStatusCode.UnprocessableEntity);
        await Ok(new("GET", $"/api/tallies?minPosition={min + 1_000_000}"), HttpStatusCode.BadRequest);

        statuses.Distinct().Should().Contain(["200", "201", "304", "400", "401", "403", "404", "409", "412", "413", "415", "422"]);
        doc.Operations().Select(o => (o.Method, o.Path)).Except(exercised).Should().BeEmpty("every operation of the document is called and checked");
    }

    [Fact]
    public async Task The_reference_page_is_served_beside_the_document()
    {
        var page = await api.Client().GetAsync("/scalar/v1");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("openapi/v1.json");
        var script = Regex.Match(html, "src=\"([^\"]+\\.js)\"").Groups[1].Value;
        (await api.Client().GetAsync("/scalar/" + script)).StatusCode.Should().Be(HttpStatusCode.OK, "the page's script is served by the ledger, not fetched from elsewhere");
    }
}
