using System.Net;
using System.Text.Json;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>Reads that cannot be made to load the server: figures per report capped, an incident's history and a
/// tally's history in pages that join up to the whole, and exports sent as they are made.</summary>
public sealed class ReadLimitsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly string[] Parties = ["isis", "hts", "sdf", "asayish", "sna", "hezbollah", "syrian-army", "ndf", "pmf", "peshmerga", "civilians"];
    private static readonly string[] Categories = ["killed", "injured", "missing", "kidnapped", "captured"];

    /// <summary>The n-th distinct figure: sources, categories and parties the ledger knows.</summary>
    private static string Figure(int n) =>
        $$"""{"source":"{{(n % 2 == 0 ? "sohr" : "afp")}}","category":"{{Categories[n / 2 % Categories.Length]}}","party":"{{Parties[n / 10 % Parties.Length]}}","partyClass":"civilians","value":{"kind":"exact","value":1},"certainty":"reported"}""";

    private static string Report(string id, string admin1, int figures) =>
        $$"""{"id":"{{id}}","title":"t","occurred":{"date":"2023-05-02"},"location":{"country":"SY","admin1":"{{admin1}}"},"type":"ambush","figures":[{{string.Join(',', Enumerable.Range(0, figures).Select(Figure))}}]}""";

    /// <summary>The next page's <c>after</c>; absent on the last page.</summary>
    private static long? Next(JsonElement page) =>
        page.TryGetProperty("nextAfter", out var next) && next.ValueKind == JsonValueKind.Number ? next.GetInt64() : null;

    private static async Task Ok(HttpResponseMessage response) =>
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task A_report_of_more_than_100_figures_is_refused_and_stores_nothing()
    {
        var before = await api.EventCount();
        var refused = await api.Client(Reporter).PostAsync("/api/incidents", Json(Report("too-many-figures", "sy04", 101)));
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await Body(refused);
        problem.GetProperty("field").GetString().Should().Be("figures");
        problem.GetProperty("detail").GetString().Should().Contain("at most 100 figures");
        (await api.EventCount()).Should().Be(before);
        await Ok(await api.Client(Reporter).PostAsync("/api/incidents", Json(Report("enough-figures", "sy04", 100))));
    }

    [Fact]
    public async Task An_incident_history_and_a_tally_history_come_in_pages_that_join_up_to_the_whole()
    {
        var client = api.Client(Reporter);
        await Ok(await client.PostAsync("/api/incidents", Json(Report("paged", "sy11", 1))));
        HttpResponseMessage last = null!;
        for (var n = 2; n <= 6; n++)
            await Ok(last = await client.PostAsync("/api/incidents/paged/figures/sohr:killed:isis/revisions", Json($$"""{"value":{"kind":"exact","value":{{n}}},"reason":"recount"}""")));
        var read = $"minPosition={Position(last)}";

        var whole = await Body(await api.Client().GetAsync($"/api/incidents/paged/history?{read}"));
        whole.GetProperty("events").GetArrayLength().Should().Be(7, "reported, its figure, five revisions");
        Next(whole).Should().BeNull();
        var versions = new List<long>();
        var after = "0";
        for (var pages = 0; after is not null; pages++)
        {
            pages.Should().BeLessThan(3);
            var page = await Body(await api.Client().GetAsync($"/api/incidents/paged/history?limit=3&after={after}"));
            versions.AddRange(page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
            after = Next(page)?.ToString();
        }
        versions.Should().Equal(1, 2, 3, 4, 5, 6, 7);
        (await api.Client().GetAsync("/api/incidents/paged/history?limit=1001")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var tally = "/api/tallies/history?admin1=sy11&category=killed";
        var changes = (await Body(await api.Client().GetAsync($"{tally}&{read}"))).GetProperty("changes").EnumerateArray()
            .Select(c => (c.GetProperty("position").GetInt64(), c.GetProperty("best").GetInt64())).ToList();
        changes.Select(c => c.Item2).Should().Equal(1, 2, 3, 4, 5, 6);
        var first = await Body(await api.Client().GetAsync($"{tally}&limit=4"));
        var rest = await Body(await api.Client().GetAsync($"{tally}&limit=4&after={Next(first)}"));
        Next(rest).Should().BeNull();
        first.GetProperty("changes").EnumerateArray().Concat(rest.GetProperty("changes").EnumerateArray())
            .Select(c => (c.GetProperty("position").GetInt64(), c.GetProperty("best").GetInt64())).Should().Equal(changes);
    }

    [Fact]
    public async Task Exports_are_sent_as_they_are_made_not_built_whole_first()
    {
        var written = await api.Client(Reporter).PostAsync("/api/incidents", Json(Report("exported", "sy09", 2)));
        await Ok(written);
        foreach (var file in new[] { "incidents.csv", "figures.csv" })
        {
            var response = await api.Client().GetAsync($"/api/exports/{file}?minPosition={Position(written)}", HttpCompletionOption.ResponseHeadersRead);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            // A body built first has its length announced; a streamed one is sent in chunks.
            response.Content.Headers.ContentLength.Should().BeNull(file);
            response.Content.Headers.ContentType!.ToString().Should().Be("text/csv; charset=utf-8");
            response.Content.Headers.ContentDisposition!.FileName.Should().Be(file);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
            System.Text.Encoding.UTF8.GetString(bytes).Should().Contain("\nexported,");
        }
    }

    [Fact]
    public async Task Anonymous_reads_that_cost_more_have_a_smaller_bucket_of_their_own()
    {
        await using var limited = api.NewFactory(anonymousReadsPerSecond: 1000, anonymousHeavyReadsPerSecond: 2);
        var anonymous = api.Client(factory: limited);
        // All at once: a slow machine that took longer than a token's refill between sequential reads would see no 429.
        var heavy = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => (await anonymous.GetAsync("/api/exports/incidents.csv")).StatusCode));
        heavy.Should().Contain(HttpStatusCode.TooManyRequests, "a burst of twice 2 a second, then 429");
        heavy.Count(s => s == HttpStatusCode.OK).Should().BeInRange(4, 5, "the burst is 4, and a token refills every 500 ms");
        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => (await anonymous.GetAsync("/incidents/paged")).StatusCode));
        pages.Should().Contain(HttpStatusCode.TooManyRequests, "an incident's page shares that bucket");
        (await anonymous.GetAsync("/api/tallies")).StatusCode.Should().Be(HttpStatusCode.OK, "light reads keep their own, larger bucket");
        (await api.Client(Reader, limited).GetAsync("/api/exports/incidents.csv")).StatusCode.Should().Be(HttpStatusCode.OK, "a key is not limited here");
    }

    /// <summary>An empty header reaches the server only over a real socket (the test server drops it): see
    /// <see cref="HardeningTests"/> for that case.</summary>
    [Theory]
    [InlineData("not-a-key-of-this-ledger")]
    [InlineData("   ")]
    public async Task A_key_header_that_names_no_key_is_anonymous_to_the_limits(string presented)
    {
        await using var limited = api.NewFactory(anonymousReadsPerSecond: 5);
        var client = api.Client(factory: limited);
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Api-Key", presented).Should().BeTrue();
        var answers = new List<HttpStatusCode>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 30; i++) answers.Add((await client.GetAsync("/api/sources")).StatusCode);
        answers.Should().Contain(HttpStatusCode.TooManyRequests, "a header is no credential: only a known key lifts the anonymous limit");
        answers.Count(a => a != HttpStatusCode.TooManyRequests).Should().BeLessThanOrEqualTo(10 + (int)Math.Ceiling(5 * clock.Elapsed.TotalSeconds),
            "a burst of twice the rate, then the rate");
    }

    [Theory]
    [InlineData("/api/events?after=0")]
    [InlineData("/api/incidents/heavy-one")]
    [InlineData("/api/changes?from=0")]
    public async Task The_feed_an_incident_and_the_changes_cost_an_anonymous_caller_a_heavy_read(string path)
    {
        var made = await api.Client(Reporter).PostAsync("/api/incidents", Json(Report("heavy-one", "sy04", 1)));
        made.StatusCode.Should().BeOneOf([HttpStatusCode.Created, HttpStatusCode.Conflict], "each case of the theory reads the same incident");
        await using var limited = api.NewFactory(anonymousReadsPerSecond: 1000, anonymousHeavyReadsPerSecond: 1);
        var anonymous = api.Client(factory: limited);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) answers.Add((await anonymous.GetAsync(path)).StatusCode);
        answers.Should().Contain(HttpStatusCode.TooManyRequests);
        (await anonymous.GetAsync("/api/sources")).StatusCode.Should().Be(HttpStatusCode.OK, "a light read still answers");
    }

    [Fact]
    public async Task The_drafts_page_is_a_heavy_read_and_takes_no_form_larger_than_its_cap()
    {
        await using var limited = api.NewFactory(anonymousReadsPerSecond: 1000, anonymousHeavyReadsPerSecond: 1);
        var anonymous = api.Client(factory: limited);
        static FormUrlEncodedContent Form(string text) => new([new("text", text), new("publishedAt", "2024-01-10"), new("source", "sohr")]);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) answers.Add((await anonymous.PostAsync("/drafts", Form("At least 14 soldiers were killed."))).StatusCode);
        answers.Should().Contain(HttpStatusCode.TooManyRequests, "drafting costs CPU; an anonymous page may not spend it at will");

        var huge = new string('x', (int)Ledger.Server.Web.DraftsPage.MaxFormBytes + 10);
        (await api.Client().PostAsync("/drafts", Form(huge))).StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_incident_page_shows_its_events_in_pages()
    {
        var client = api.Client(Reporter);
        await Ok(await client.PostAsync("/api/incidents", Json(Report("long-lived", "sy04", 1))));
        var events = Ledger.Server.Web.IncidentDetailPage.EventsPerPage + 5;
        HttpResponseMessage last = null!;
        for (var n = 3; n <= events; n++)
            await Ok(last = await client.PostAsync("/api/incidents/long-lived/figures/sohr:killed:isis/revisions", Json($$"""{"value":{"kind":"exact","value":{{n}}},"reason":"recount"}""")));
        await Ok(await api.Client().GetAsync($"/api/incidents/long-lived?minPosition={Position(last)}"));
        var first = await (await api.Client().GetAsync("/incidents/long-lived")).Content.ReadAsStringAsync();
        System.Text.RegularExpressions.Regex.Matches(first, "<tr><td>\\d+</td><td class=\"date\">").Count.Should().Be(Ledger.Server.Web.IncidentDetailPage.EventsPerPage);
        first.Should().Contain($"eventsAfter={Ledger.Server.Web.IncidentDetailPage.EventsPerPage}\">Later events");
        var second = await (await api.Client().GetAsync($"/incidents/long-lived?eventsAfter={Ledger.Server.Web.IncidentDetailPage.EventsPerPage}")).Content.ReadAsStringAsync();
        System.Text.RegularExpressions.Regex.Matches(second, "<tr><td>\\d+</td><td class=\"date\">").Count.Should().Be(events - Ledger.Server.Web.IncidentDetailPage.EventsPerPage);
        second.Should().NotContain("Later events");
    }
}
