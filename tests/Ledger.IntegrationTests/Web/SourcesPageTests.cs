using System.Text.Json;
using Microsoft.Playwright;

namespace Ledger.IntegrationTests.Web;

/// <summary>/sources and /sources/{id} in Chromium: the numbers are the API's record, now and as of a point, one source
/// beside another, and the pages fit a phone's width.</summary>
public sealed class SourcesPageTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    private async Task<JsonElement> RecordAsync(string id, string query = "") =>
        JsonDocument.Parse(await web.Api.GetStringAsync($"/api/sources/{id}/record{query}")).RootElement.GetProperty("record");

    [Fact]
    public async Task The_list_and_a_source_show_the_record_the_API_answers()
    {
        var sohr = await RecordAsync("sohr");
        sohr.GetProperty("figuresReported").GetInt32().Should().BeGreaterThan(0, "the sample data has SOHR's figures");
        var page = await web.OpenAsync("/sources");
        var row = page.Locator("#sources tbody tr", new PageLocatorOptions { Has = page.Locator("a[href='/sources/sohr']") });
        (await row.Locator("td").Nth(2).InnerTextAsync()).Should().Be(sohr.GetProperty("figuresReported").GetInt32().ToString("#,0"));

        await page.GotoAsync(web.BaseUrl + "/sources/sohr?compare=amaq");
        var amaq = await RecordAsync("amaq");
        var figures = page.Locator("#record tbody tr").First;
        (await figures.Locator("td").Nth(0).InnerTextAsync()).Should().Be(sohr.GetProperty("figuresReported").GetInt32().ToString("#,0"));
        (await figures.Locator("td").Nth(1).InnerTextAsync()).Should().Be(amaq.GetProperty("figuresReported").GetInt32().ToString("#,0"));
    }

    [Fact]
    public async Task A_record_as_of_a_point_is_the_record_then_under_a_banner()
    {
        var then = await RecordAsync("sohr", "?asOfPosition=3");
        var page = await web.OpenAsync("/sources/sohr?asOfPosition=3");
        (await page.Locator("#asof-banner").IsVisibleAsync()).Should().BeTrue();
        (await page.Locator("#record tbody tr").First.Locator("td").First.InnerTextAsync()).Should().Be(then.GetProperty("figuresReported").GetInt32().ToString("#,0"));
        var beyond = await page.GotoAsync(web.BaseUrl + "/sources/sohr?asOfPosition=999999999");
        beyond!.Status.Should().Be(400);
        (await page.Locator("[role=alert]").InnerTextAsync()).Should().Contain("beyond the head");
    }

    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task The_pages_fit_the_width_and_are_kept_as_screenshots(int width)
    {
        var page = await web.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        foreach (var (path, name) in new[] { ("/sources", "sources"), ("/sources/sohr?compare=amaq", "source-compare") })
        {
            (await page.GotoAsync(web.BaseUrl + path))!.Status.Should().Be(200);
            (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, $"{path} fits {width} px");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(web.Screenshots, $"{name}-{width}.png"), FullPage = true });
        }
    }
}
