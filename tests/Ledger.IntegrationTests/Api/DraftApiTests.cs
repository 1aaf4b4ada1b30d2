using System.Net;
using System.Text;
using static Ledger.IntegrationTests.Api.ApiFixture;

namespace Ledger.IntegrationTests.Api;

/// <summary>POST /api/drafts: drafts from an article, nothing stored, and bad input a clear 4xx.</summary>
public sealed class DraftApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static StringContent Article(string text, string published = "2020-05-10T00:00:00Z", string? language = null) =>
        Json(System.Text.Json.JsonSerializer.Serialize(new { text, publishedAt = published, source = "the-arab-weekly", language }));

    [Fact]
    public async Task An_article_gives_drafts_with_spans_and_import_lines_and_stores_nothing()
    {
        var before = (await Body(await api.Client().GetAsync("/api/events?after=0&limit=1"))).GetProperty("head").GetInt64();
        var text = "On May 2, ISIS fighters killed 10 members of the Popular Mobilisation Forces (PMF) in fierce clashes in Salahaddin province.";
        var response = await api.Client(Reporter).PostAsync("/api/drafts", Article(text));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answer = await Body(response);
        var draft = answer.GetProperty("drafts")[0];
        draft.GetProperty("occurred").GetProperty("date").GetString().Should().Be("2020-05-02");
        draft.GetProperty("location").GetProperty("admin1").GetString().Should().Be("iqg16");
        draft.GetProperty("perpetrator").GetString().Should().Be("isis");
        var figure = draft.GetProperty("figures")[0];
        (figure.GetProperty("category").GetString(), figure.GetProperty("party").GetString(), figure.GetProperty("certainty").GetString(),
            figure.GetProperty("value").GetProperty("kind").GetString(), (int?)figure.GetProperty("value").GetProperty("value").GetInt32())
            .Should().Be(("killed", "pmf", "reported", "exact", (int?)10));
        var span = figure.GetProperty("span");
        text[span.GetProperty("start").GetInt32()..span.GetProperty("end").GetInt32()].Should().Be(figure.GetProperty("quote").GetString());
        answer.GetProperty("importLines")[0].GetString().Should().Contain("\"command\":\"reportIncident\"");
        (await Body(await api.Client().GetAsync("/api/events?after=0&limit=1"))).GetProperty("head").GetInt64().Should().Be(before, "drafting stores nothing");
    }

    [Fact]
    public async Task Bad_input_is_a_clear_4xx_and_a_text_without_figures_an_empty_list()
    {
        (await api.Client().PostAsync("/api/drafts", Article("ISIS killed 5 soldiers."))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        async Task<(int Status, string? Field)> Post(HttpContent content)
        {
            var r = await api.Client(Reporter).PostAsync("/api/drafts", content);
            var body = await r.Content.ReadAsStringAsync();
            var field = r.IsSuccessStatusCode ? null : System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("field", out var f) ? f.GetString() : null;
            return ((int)r.StatusCode, field);
        }
        (await Post(Article(""))).Should().Be((400, "text"));
        (await Post(Article("   \n  "))).Should().Be((400, "text"));
        (await Post(Article(new string('x', 1_000_000)))).Status.Should().Be(413);
        (await Post(Article(new string('x', 150_000)))).Should().Be((413, "text"));
        (await Post(Json("{\"text\": \"a\\ud800b\", \"publishedAt\": \"2020-05-10T00:00:00Z\"}"))).Should().Be((400, "text"));
        (await Post(Article("ISIS killed 5 soldiers.", language: "fr"))).Should().Be((400, "language"));
        (await Post(Article("ISIS killed 5 soldiers.", published: "2999-01-01T00:00:00Z"))).Should().Be((422, "publishedAt"));
        (await Post(Json("{\"text\": \"x\"}"))).Field.Should().Be("publishedAt");
        var none = await api.Client(Reporter).PostAsync("/api/drafts", Article("The weather in Damascus was mild today."));
        none.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Body(none)).GetProperty("drafts").GetArrayLength().Should().Be(0);
    }
}
