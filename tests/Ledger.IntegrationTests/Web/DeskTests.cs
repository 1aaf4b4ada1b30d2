using Microsoft.Playwright;

namespace Ledger.IntegrationTests.Web;

/// <summary>The coder's desk and the editors' actions, in Chromium: sign in, draft an article, correct and record it;
/// add figures to an incident the ledger holds; dispute and resolve on an incident's page. Forms without their CSRF
/// token, and writes by a reader, store nothing; a signed-out page shows no controls.</summary>
public sealed class DeskTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    private const string Article = "At least 14 civilians were killed in an air strike on a market in Idlib on Saturday, the Syrian Observatory for Human Rights said.";

    private async Task<IPage> SignedInAsync(string key, int width = 1280)
    {
        var page = await web.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 1000 } });
        await page.GotoAsync(web.BaseUrl + "/sign-in?returnTo=/desk");
        await page.FillAsync("input[name=key]", key);
        await page.ClickAsync("form[action='/sign-in'] button");
        page.Url.Should().EndWith("/desk");
        return page;
    }

    private async Task DraftAsync(IPage page, string article, string published = "2024-03-03")
    {
        await page.FillAsync("textarea[name=text]", article);
        await page.FillAsync("input[name=publishedAt]", published);
        await page.FillAsync("input[name=source]", "sohr");
        await page.ClickAsync("form[action='/desk/draft'] button");
    }

    private Task<long> EventCount() => web.Database.ScalarAsync("SELECT count(*) FROM ledger.events");

    [Fact]
    public async Task A_signed_out_page_shows_no_controls()
    {
        await web.Post("/api/incidents", new { id = "desk-signed-out", title = "Shelling", occurred = new { date = "2024-03-01" }, location = new { country = "SY" }, type = "shelling" });
        var page = await web.OpenAsync("/incidents/desk-signed-out");
        (await page.Locator("form.action").CountAsync()).Should().Be(0);
        (await page.Locator("#sign-in-to-act").IsVisibleAsync()).Should().BeTrue();
        await page.GotoAsync(web.BaseUrl + "/desk");
        (await page.Locator("textarea").CountAsync()).Should().Be(0);
        (await page.Locator("#sign-in-to-record a").GetAttributeAsync("href")).Should().Be("/sign-in?returnTo=/desk");
    }

    [Fact]
    public async Task A_reporter_drafts_corrects_and_records_an_article_and_sees_it_counted()
    {
        var page = await SignedInAsync(BrowserFixture.ReporterKey);
        // Published on a Sunday: "on Saturday" is the day before, a date no other test of this class uses.
        await DraftAsync(page, Article, "2024-04-14");
        (await page.Locator("#article mark").CountAsync()).Should().BeGreaterThan(0);
        var draft = page.Locator("#draft-1");
        await draft.Locator("input[name=incidentId]").FillAsync("desk-idlib-market");
        await draft.Locator("input[name=title]").FillAsync("Air strike on a market in Idlib");
        await draft.Locator("input[name='figures[0].value.value']").FillAsync("15");
        await draft.Locator("button[type=submit]").ClickAsync();
        (await page.Locator("#recorded").InnerTextAsync()).Should().Contain("desk-idlib-market");
        await page.ClickAsync("#recorded-link");
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Air strike on a market in Idlib");
        var incident = await web.Api.GetAsync($"/api/incidents/desk-idlib-market");
        var body = System.Text.Json.JsonDocument.Parse(await incident.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("figures")[0].GetProperty("value").GetProperty("value").GetInt64().Should().Be(15);
        body.GetProperty("figures")[0].GetProperty("source").GetString().Should().Be("sohr");
        var tallies = System.Text.Json.JsonDocument.Parse(await web.Api.GetStringAsync(
            $"/api/tallies?country=SY&from=2024-04-13&to=2024-04-13&category=killed&minPosition={await web.Database.ScalarAsync("SELECT max(position) FROM ledger.events")}")).RootElement;
        tallies.GetProperty("rows")[0].GetProperty("best").GetInt64().Should().Be(15);
        foreach (var width in new[] { 390, 1280 })
        {
            var shot = await SignedInAsync(BrowserFixture.ReporterKey, width);
            await DraftAsync(shot, Article);
            await shot.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(web.Screenshots, $"desk-{width}.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task A_refused_record_names_its_field_beside_it_and_stores_nothing()
    {
        var page = await SignedInAsync(BrowserFixture.ReporterKey);
        await DraftAsync(page, Article);
        var draft = page.Locator("#draft-1");
        await draft.Locator("input[name=incidentId]").FillAsync("desk-refused");
        await draft.Locator("input[name=title]").FillAsync("Air strike");
        await draft.Locator("input[name='figures[0].source']").FillAsync("nobody-we-know");
        var before = await EventCount();
        await draft.Locator("button[type=submit]").ClickAsync();
        (await page.Locator("[data-field='figures[0].source']").InnerTextAsync()).Should().Contain("not a registered source");
        (await EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task A_reporter_adds_figures_to_an_incident_the_ledger_holds()
    {
        await web.Post("/api/incidents", new { id = "desk-existing", title = "Air strike on Maarat market", occurred = new { date = "2024-03-02" },
            location = new { country = "SY", admin1 = "Idlib" }, type = "air-strike" });
        var page = await SignedInAsync(BrowserFixture.ReporterKey);
        await DraftAsync(page, Article);
        var draft = page.Locator("#draft-1");
        await draft.Locator("input[name=into][value=desk-existing]").CheckAsync();
        await draft.Locator("button[type=submit]").ClickAsync();
        (await page.Locator("#recorded").InnerTextAsync()).Should().Contain("desk-existing");
        var body = System.Text.Json.JsonDocument.Parse(await web.Api.GetStringAsync("/api/incidents/desk-existing")).RootElement;
        body.GetProperty("figures").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task An_editor_disputes_and_resolves_on_the_incident_page_and_sees_it_at_once()
    {
        await web.Post("/api/incidents", new { id = "desk-dispute", title = "Raid on a village", occurred = new { date = "2024-02-10" }, location = new { country = "SY" }, type = "raid",
            figures = new[] { new { source = "sohr", category = "killed", party = "civilians", partyClass = "civilians", value = new { kind = "exact", value = 9 }, certainty = "reported" } } });
        var page = await SignedInAsync(BrowserFixture.EditorKey);
        await page.GotoAsync(web.BaseUrl + "/incidents/desk-dispute");
        var dispute = page.Locator("#act-disputeFigure");
        await dispute.Locator("input[name=disputedBy]").FillAsync("Syrian Army");
        await dispute.Locator("input[name=counterValue]").FillAsync("3");
        await dispute.Locator("input[name=reason]").FillAsync("says three died");
        await dispute.Locator("button").ClickAsync();
        // The page it returns to waits for the write (minPosition): the timeline shows it at once.
        await page.WaitForURLAsync(url => url.Contains("/incidents/desk-dispute?minPosition=", StringComparison.Ordinal));
        (await page.Locator("#history").InnerTextAsync()).Should().Contain("FigureDisputed").And.Contain("says three died");
        var disputed = page.Url;
        var resolve = page.Locator("#act-resolveDispute");
        await resolve.Locator("select[name=outcome]").SelectOptionAsync("dismissed");
        await resolve.Locator("input[name=reason]").FillAsync("the names are listed");
        await resolve.Locator("button").ClickAsync();
        await page.WaitForURLAsync(url => url != disputed && url.Contains("minPosition=", StringComparison.Ordinal));
        (await page.Locator("#history").InnerTextAsync()).Should().Contain("DisputeResolved").And.Contain("dismissed");
        var history = System.Text.Json.JsonDocument.Parse(await web.Api.GetStringAsync("/api/incidents/desk-dispute/history")).RootElement;
        history.GetProperty("events").EnumerateArray().Last().GetProperty("recordedBy").GetString().Should().Be("desk-editor");
    }

    [Fact]
    public async Task A_form_without_its_csrf_token_and_a_readers_write_are_refused_and_store_nothing()
    {
        var reporter = await SignedInAsync(BrowserFixture.ReporterKey);
        var before = await EventCount();
        var forged = await reporter.APIRequest.PostAsync(web.BaseUrl + "/desk/record", new APIRequestContextOptions
        {
            Form = reporter.APIRequest.CreateFormData().Set("incidentId", "desk-forged").Set("title", "Forged").Set("occurred.date", "2024-03-01")
                .Set("location.country", "SY").Set("type", "raid"),
        });
        forged.Status.Should().Be(403);

        var reader = await SignedInAsync(BrowserFixture.ReaderKey);
        var csrf = await reader.Locator("form.sign-out input[name=csrf]").GetAttributeAsync("value");
        var byReader = await reader.APIRequest.PostAsync(web.BaseUrl + "/desk/record", new APIRequestContextOptions
        {
            Form = reader.APIRequest.CreateFormData().Set("csrf", csrf!).Set("incidentId", "desk-by-reader").Set("title", "By a reader")
                .Set("occurred.date", "2024-03-01").Set("location.country", "SY").Set("type", "raid"),
        });
        byReader.Status.Should().Be(403);
        (await EventCount()).Should().Be(before);
        await web.Post("/api/incidents", new { id = "desk-for-reader", title = "Shelling", occurred = new { date = "2024-03-01" }, location = new { country = "SY" }, type = "shelling" });
        await reader.GotoAsync(web.BaseUrl + "/incidents/desk-for-reader");
        (await reader.Locator("form.action").CountAsync()).Should().Be(0, "a reader sees no write controls");
    }
}
