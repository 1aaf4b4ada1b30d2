using Ledger.EventStore;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Import;
using Ledger.Projections;
using Ledger.Server.Cli;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>Generated hostile bodies and NDJSON lines: wrong types, huge numbers, deep nesting, long strings,
/// invalid UTF-8. Never a 5xx, never a crash, never anything stored.</summary>
public sealed class HostileInputTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly string[] Paths =
    [
        "/api/incidents", "/api/incidents/hostile-base/figures", "/api/incidents/hostile-base/figures/sohr:killed:syrian-army/revisions",
        "/api/incidents/hostile-base/figures/sohr:killed:syrian-army/disputes", "/api/incidents/hostile-base/disputes/d1/resolution",
        "/api/incidents/hostile-base/corrections", "/api/sources", "/api/regions", "/api/regions/sy09/figures",
    ];

    private static readonly string[] Keys = ["title", "occurred", "date", "location", "admin1", "country", "type", "figures", "source",
        "category", "party", "partyClass", "value", "kind", "low", "high", "certainty", "reason", "id", "name", "outcome", "period", "from"];

    private static Gen<string> Json(int depth) => depth <= 0
        ? Gen.OneOf(
            Gen.Choose(-5, 5).Select(n => n.ToString()),
            Gen.Elements("1e309", "-0", "99999999999999999999999", "1.5", "null", "true", "\"\"", "\"x\"", "\"2024-13-45\"",
                "\"exact\"", "\"killed\"", "\"sohr\"", "\"'); DROP TABLE ledger.events; --\"", "\"<script>alert(1)</script>\"",
                "\"\\u0000\"", "\"\\ud800\"", "\"هجوم\"", $"\"{new string('x', 3_000)}\""))
        : Gen.OneOf(
            Json(0),
            Gen.ListOf(Json(depth - 1)).Select(items => "[" + string.Join(",", items.Take(4)) + "]"),
            Gen.ListOf(Gen.Elements(Keys).SelectMany(k => Json(depth - 1).Select(v => $"\"{k}\":{v}")))
                .Select(members => "{" + string.Join(",", members.Take(6)) + "}"));

    private static readonly Gen<byte[]> Bodies = Gen.OneOf(
        Json(3).Select(Encoding.UTF8.GetBytes),
        Gen.Choose(1, 40).Select(n => Encoding.UTF8.GetBytes(new string('[', n * 10) + new string(']', n * 10))),
        Gen.Constant(Encoding.UTF8.GetBytes($"{{\"title\": \"{new string('x', 300_000)}\"}}")),       // beyond the body limit
        Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)),                       // invalid UTF-8 and garbage
        Json(2).Select(j => Encoding.UTF8.GetBytes(j).Concat(new byte[] { 0xC3, 0x28, 0xFF }).ToArray()));

    /// <summary>Generators of hostile requests and lines, for FsCheck.</summary>
    public static Arbitrary<(byte[] Body, string Path)> Requests() =>
        Bodies.SelectMany(b => Gen.Elements(Paths).Select(p => (b, p))).ToArbitrary();

    public static Arbitrary<string> Lines()
    {
        var commands = Gen.Elements("reportIncident", "reportFigure", "reviseFigure", "disputeFigure", "defineRegion", "registerSource", "bogus");
        return Gen.OneOf(
            Json(3),
            commands.SelectMany(c => Json(2).Select(j => j.StartsWith('{') ? "{\"command\":\"" + c + "\",\"id\":\"h\"," + j[1..] : j)),
            Gen.ArrayOf(Gen.Choose(32, 126).Select(b => (char)b)).Select(cs => new string(cs)))
            // A blank line is skipped by design, not refused: it is no hostile case, so none is generated.
            .Where(l => !string.IsNullOrWhiteSpace(l)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(HostileInputTests)], MaxTest = 150)]
    public void Generated_hostile_bodies_never_get_a_5xx_and_store_nothing((byte[] Body, string Path) request)
    {
        var baseIncident = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = ApiFixture.Json("""
            {"id": "hostile-base", "title": "t", "occurred": {"date": "2024-01-09"}, "location": {"country": "SY", "admin1": "Homs"}, "type": "ied",
             "figures": [{"source": "sohr", "category": "killed", "party": "syrian-army", "partyClass": "state-forces", "value": {"kind": "exact", "value": 1}, "certainty": "reported"}]}
            """) };
        baseIncident.Headers.Add("Idempotency-Key", "hostile-base");
        api.Client(Reporter).SendAsync(baseIncident).GetAwaiter().GetResult().IsSuccessStatusCode.Should().BeTrue();
        var before = api.EventCount().GetAwaiter().GetResult();

        var content = new ByteArrayContent(request.Body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var response = api.Client(Admin).PostAsync(request.Path, content).GetAwaiter().GetResult();
        ((int)response.StatusCode).Should().BeLessThan(500);
        ((int)response.StatusCode).Should().BeGreaterThanOrEqualTo(400, "no generated body is a valid command");
        api.EventCount().GetAwaiter().GetResult().Should().Be(before, "a refused request stores nothing");
    }

    /// <summary>Cases the generator found once, kept so that they run every time.</summary>
    [Theory]
    [InlineData("""{"command":"registerSource","id":"\ud800","sourceId":"x1","name":"X","kind":"monitor"}""")]
    [InlineData("""{"command":"registerSource","id":"ok-1","sourceId":"x1","name":"\udc00 lone","kind":"monitor"}""")]
    public void Found_hostile_ndjson_lines_are_refused_with_their_line_number_and_store_nothing(string line) =>
        Generated_hostile_ndjson_lines_are_refused_with_their_line_number_and_store_nothing(line);

    [Property(Arbitrary = [typeof(HostileInputTests)], MaxTest = 150)]
    public void Generated_hostile_ndjson_lines_are_refused_with_their_line_number_and_store_nothing(string line)
    {
        line.Should().NotBeNullOrWhiteSpace("every generated case is a line that must be refused");
        var before = api.EventCount().GetAwaiter().GetResult();
        using var db = api.Database.NewDataSource();
        var store = new MartenEventStore(db);
        ImportReport report;
        try
        {
            var session = new ImportSession(store, "hostile");
            var names = ImportNames.LoadAsync(session, new RegionDirectory(db)).GetAwaiter().GetResult();
            report = new Importer(session, names).RunAsync(new StringReader(line), allOrNothing: true).GetAwaiter().GetResult();
        }
        finally { store.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
        report.Error.Should().Match<ImportError>(e => e != null && e.Line == 1, line);
        api.EventCount().GetAwaiter().GetResult().Should().Be(before);
    }

    [Fact]
    public async Task Sql_in_text_fields_is_stored_as_text()
    {
        const string quote = "'); DROP TABLE ledger.events; -- \" OR 1=1; <script>alert(1)</script>";
        (await api.Client(Reporter).PostAsync("/api/incidents", ApiFixture.Json($$"""
            {"id": "sql-text", "title": "{{quote.Replace("\"", "\\\"")}}", "occurred": {"date": "2024-01-09"}, "location": {"country": "SY", "admin1": "Homs"}, "type": "ied"}
            """))).StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        var incident = await Body(await api.Client().GetAsync("/api/incidents/sql-text"));
        incident.GetProperty("title").GetString().Should().Be(quote);
        (await api.Database.ScalarAsync("SELECT count(*) FROM ledger.events")).Should().BeGreaterThan(0, "the table is still there");
    }
}
