using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Ledger.IntegrationTests.Web;

/// <summary>The web page used as a person would, in headless Chromium: the overview, a category filter, an
/// incident opened from the list, its timeline (one step per value of each figure), the as-of control moved
/// to before a revision, and the regional comparison. Each page is saved as a screenshot in artifacts/.</summary>
public sealed class WebPageTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    private async Task Shot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(web.Screenshots, name + ".png"), FullPage = true });

    private static long Number(string text) => long.Parse(text.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_reader_filters_opens_an_incident_reads_its_timeline_and_steps_back_in_time()
    {
        // An incident in Ar-Raqqa whose figure is revised twice, with a second source and a dispute.
        await web.Post("/api/incidents", new
        {
            id = "web-raqqa-ambush", title = "Ambush on a convoy near Raqqa", occurred = new { date = "2023-05-02" },
            location = new { country = "SY", admin1 = "الرقة" }, type = "ambush", perpetrator = "isis",
            figures = new object[] { new { source = "sohr", category = "killed", party = "sdf", partyClass = "non-state-armed-groups", value = new { kind = "atLeast", value = 4 }, certainty = "reported" } },
        });
        var beforeRevision = await web.Post("/api/incidents/web-raqqa-ambush/figures", new
            { source = "the-arab-weekly", category = "killed", party = "sdf", partyClass = "non-state-armed-groups", value = new { kind = "range", low = 3, high = 6 }, certainty = "reported" });
        await web.Post("/api/incidents/web-raqqa-ambush/figures/sohr:killed:sdf/revisions", new { value = new { kind = "exact", value = 9 }, reason = "names of the dead published" });
        await web.Post("/api/incidents/web-raqqa-ambush/figures/sohr:killed:sdf/revisions", new { value = new { kind = "exact", value = 11 }, reason = "two wounded died" });
        var last = await web.Post("/api/incidents/web-raqqa-ambush/figures/sohr:killed:sdf/disputes", new { disputedBy = "Amaq", reason = "fewer", counterValue = new { kind = "exact", value = 5 } });
        (await web.Api.GetAsync($"/api/tallies?minPosition={last}")).EnsureSuccessStatusCode();

        // The overview: governorates with their numbers, killed by default.
        var page = await web.OpenAsync("/");
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Tallies per governorate");
        var raqqa = page.Locator("#tally tr[data-admin1='sy11']");
        (await raqqa.CountAsync()).Should().Be(1);
        Number(await raqqa.Locator("td.best").InnerTextAsync()).Should().Be(11, "SOHR, the first-ranked source, says 11 now");
        (await raqqa.Locator("th").InnerTextAsync()).Should().Contain("Ar-Raqqa").And.Contain("الرقة");
        (await raqqa.Locator("td").Nth(10 - 1).InnerTextAsync()).Trim().Should().Be("1", "the incident has an open dispute");
        await Shot(page, "overview");

        // Filter by category: the page says which category it shows and Raqqa has no injured.
        await page.SelectOptionAsync("select[name=category]", "injured");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync("**/?*category=injured*", new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        (await page.Locator(".lede").InnerTextAsync()).Should().StartWith("injured");
        (await page.Locator("#tally tr[data-admin1='sy11']").CountAsync()).Should().Be(0);

        // Step back in time: as of the position before SOHR's revisions, Raqqa's best is SOHR's "at least 4".
        await page.GotoAsync(web.BaseUrl + "/");
        await page.FillAsync("input[name=asOfPosition]", beforeRevision.ToString(CultureInfo.InvariantCulture));
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync("**asOfPosition=*", new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        (await page.Locator("#asof-banner").InnerTextAsync()).Should().Contain($"position {beforeRevision:#,0}");
        Number(await page.Locator("#tally tr[data-admin1='sy11'] td.best").InnerTextAsync()).Should().Be(4);
        await Shot(page, "overview-as-of");

        // Open the incident from the list.
        await page.GotoAsync(web.BaseUrl + "/incidents?q=convoy");
        await page.ClickAsync("#incidents a:has-text('Ambush on a convoy')");
        await page.WaitForURLAsync("**/incidents/web-raqqa-ambush", new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Ambush on a convoy near Raqqa");

        // One step per value of each figure: SOHR reported once and revised twice, AFP once.
        (await page.Locator("#timeline .figure[data-figure='sohr:killed:sdf'] .step").CountAsync()).Should().Be(3);
        (await page.Locator("#timeline .figure[data-figure='the-arab-weekly:killed:sdf'] .step").CountAsync()).Should().Be(1);
        (await page.Locator("#timeline .figure[data-figure='sohr:killed:sdf'] .mark.dispute").CountAsync()).Should().Be(1);
        // Focusing a step says who recorded what, when and why.
        await page.Locator("#timeline .figure[data-figure='sohr:killed:sdf'] .step[data-step='3']").FocusAsync();
        var detail = await page.Locator("#step-detail").InnerTextAsync();
        detail.Should().Contain("11").And.Contain("Revised in the ledger by admin").And.Contain("two wounded died").And.Contain("was 9");
        await page.Locator("#timeline .mark.dispute").First.FocusAsync();
        (await page.Locator("#step-detail").InnerTextAsync()).Should().Contain("disputed by amaq").And.Contain("5");
        (await page.Locator("#history tbody tr").CountAsync()).Should().Be(6);
        await Shot(page, "incident");

        // The regional comparison: SOHR's Badiya count, revised from an estimated 515 to at least 570, beside the
        // ledger's own incidents for the same area and a period that ends when SOHR published.
        await page.ClickAsync("header nav a:has-text('Regional figures')");
        await page.WaitForURLAsync("**/regional", new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        var badiya = page.Locator("article[data-figure='sohr:killed:state-forces:2019-03-24']");
        (await badiya.Locator("h3").InnerTextAsync()).Should().Contain("at least 570");
        (await badiya.Locator(".period").InnerTextAsync()).Should().Contain("2019-03-24 to 2020-");
        (await badiya.Locator("ol.revisions").InnerTextAsync()).Should().Contain("about 515 → at least 570");
        await Shot(page, "regional");
    }

    [Fact]
    public async Task Every_page_opens_and_bad_filters_say_what_is_wrong()
    {
        var page = await web.Browser.NewPageAsync();
        foreach (var path in new[] { "/", "/incidents", "/regional", "/incidents/palmyra-bus-2024-01-09", "/drafts" })
        {
            var response = await page.GotoAsync(web.BaseUrl + path);
            response!.Status.Should().Be(200, path);
            (await page.Locator("h1").CountAsync()).Should().Be(1, path);
        }
        var bad = await page.GotoAsync(web.BaseUrl + "/?admin1=Atlantis");
        bad!.Status.Should().Be(400);
        (await page.Locator("[role=alert]").InnerTextAsync()).Should().Contain("admin1").And.Contain("Atlantis");
        (await page.GotoAsync(web.BaseUrl + "/incidents/no-such-incident"))!.Status.Should().Be(404);
        // A parameter a page does not take is refused, as the API refuses it.
        (await page.GotoAsync(web.BaseUrl + "/incidents?claims=exclude"))!.Status.Should().Be(400);
        (await page.Locator("[role=alert]").InnerTextAsync()).Should().Contain("claims");
        // The list as of a position is the list then, not the present under a banner (it once showed all 14 at 60).
        await page.GotoAsync(web.BaseUrl + "/incidents");
        var everyIncident = await page.Locator("#incidents tbody tr").CountAsync();
        (await page.GotoAsync(web.BaseUrl + "/incidents?asOfPosition=60"))!.Status.Should().Be(200);
        (await page.Locator("#asof-banner").InnerTextAsync()).Should().Contain("position 60");
        (await page.Locator("#incidents tbody tr").CountAsync()).Should().BeLessThan(everyIncident);
        (await page.GotoAsync(web.BaseUrl + "/incidents?asOfPosition=99999999"))!.Status.Should().Be(400);
        (await page.Locator("[role=alert]").InnerTextAsync()).Should().Contain("asOfPosition").And.Contain("beyond the head");
        // A moment that has not happened is not shown as if it had.
        (await page.GotoAsync(web.BaseUrl + "/?asOfPosition=99999999"))!.Status.Should().Be(400);
        (await page.Locator("[role=alert]").InnerTextAsync()).Should().Contain("beyond the head");
        (await page.Locator("#asof-banner").CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_coder_pastes_an_article_sees_each_figure_marked_and_downloads_the_import_lines()
    {
        var page = await web.OpenAsync("/drafts");
        await page.FillAsync("textarea[name=text]",
            "ISIS fighters attacked a checkpoint in rural Deir Ezzor on Sunday, killing at least 7 soldiers, according to the Syrian Observatory for Human Rights. "
            + "The group claimed that its fighters had killed 20 members of the SDF. ISIS carried out 45 attacks in the province this year.");
        await page.FillAsync("input[name=publishedAt]", "2024-03-12");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("#drafts");
        var marks = page.Locator("#article mark");
        (await marks.CountAsync()).Should().Be(2, "each sentence with a figure is marked; the count of attacks is not a figure");
        (await marks.First.InnerTextAsync()).Should().StartWith("ISIS fighters attacked a checkpoint");
        var rows = await page.Locator("#drafts tbody tr").AllInnerTextsAsync();
        rows.Should().HaveCount(2);
        rows[0].Should().Contain("2024-03-10").And.Contain("SY09").And.Contain("at least 7").And.Contain("reported").And.Contain("sohr");
        rows[1].Should().Contain("20").And.Contain("sdf").And.Contain("claimed");
        (await page.Locator(".note").First.InnerTextAsync()).Should().Contain("45 attacks");
        (await page.Locator("#download").GetAttributeAsync("href")).Should().StartWith("data:application/x-ndjson");
        (await page.Locator("pre.lines").InnerTextAsync()).Should().Contain("\"command\":\"reportIncident\"");
        await Shot(page, "drafts");

        var empty = await web.OpenAsync("/drafts");
        await empty.FillAsync("textarea[name=text]", "The weather was mild in Damascus.");
        await empty.ClickAsync("button[type=submit]");
        (await empty.Locator("#no-drafts").InnerTextAsync()).Should().Contain("No casualty figure");
    }

    [Fact]
    public async Task A_quote_beside_arabic_reads_as_written_and_a_hidden_reordering_is_refused()
    {
        // A right-to-left override would show the stored "at least 14" as "at least 41": it is refused, nothing stored.
        var refused = await web.Api.PostAsJsonAsync("/api/incidents", new
        {
            id = "bidi-override", title = "Attack near Homs", occurred = new { date = "2024-01-09" },
            location = new { country = "SY", admin1 = "sy04" }, type = "attack",
            figures = new object[] { new { source = "sohr", category = "killed", party = "civilians", partyClass = "civilians",
                value = new { kind = "atLeast", value = 14 }, certainty = "reported", quote = "at least \u202E14\u202C people were killed" } },
        });
        ((int)refused.StatusCode).Should().Be(422);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("figures[0].quote").And.Contain("U+202E");
        (await web.Api.GetAsync("/api/incidents/bidi-override")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);

        // Arabic on both sides of the number: an element that did not isolate the text would let it run right to left.
        var at = await web.Post("/api/incidents", new
        {
            id = "bidi-quote", title = "هجوم على حافلة قرب حمص", occurred = new { date = "2024-01-09" },
            location = new { country = "SY", admin1 = "sy04" }, type = "attack",
            figures = new object[] { new { source = "sohr", category = "killed", party = "civilians", partyClass = "civilians",
                value = new { kind = "atLeast", value = 14 }, certainty = "reported", quote = "قال المرصد at least 14 مدنيا" } },
        });
        (await web.Api.GetAsync($"/api/incidents/bidi-quote?minPosition={at}")).EnsureSuccessStatusCode();
        var page = await web.OpenAsync("/incidents/bidi-quote");
        var quote = page.Locator("table.figures td span[dir=auto]").First;
        (await quote.EvaluateAsync<string>("e => getComputedStyle(e).unicodeBidi")).Should().Be("isolate");
        // Where the browser draws each digit: "1" left of "4", as written.
        var order = await quote.EvaluateAsync<double[]>(@"e => {
            const node = e.firstChild, at = node.textContent.indexOf('14'), x = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
            return [x(at), x(at + 1)]; }");
        order[0].Should().BeLessThan(order[1], "\"14\" is drawn as 14, not 41");
    }
}
