using Microsoft.Playwright;

namespace Ledger.IntegrationTests.Web;

/// <summary>Every page of the sample at a phone's width (390 px) and a laptop's (1280 px), in Chromium: the page
/// never scrolls sideways as a whole (wide tables scroll inside their own box), and at 1280 px an incident's
/// "Every event" table fits. Screenshots of each are kept in artifacts/screenshots.</summary>
public sealed class PageWidthTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string, int> Pages()
    {
        var pages = new TheoryData<string, string, int>();
        foreach (var width in new[] { 390, 1280 })
        foreach (var (name, path) in new[]
                 {
                     ("overview", "/"), ("incidents", "/incidents"), ("incident", "/incidents/sukhna-capture-2019-10-01"),
                     ("regional", "/regional"), ("changes", "/changes?from=0"), ("drafts", "/drafts"),
                     ("sources", "/sources"), ("source", "/sources/sohr?compare=amaq"), ("sign-in", "/sign-in"), ("desk-signed-out", "/desk"),
                 })
            pages.Add(name, path, width);
        return pages;
    }

    [Theory, MemberData(nameof(Pages))]
    public async Task A_page_reads_without_scrolling_sideways(string name, string path, int width)
    {
        var page = await web.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        try
        {
            var response = await page.GotoAsync(web.BaseUrl + path);
            response!.Status.Should().Be(200, path);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(web.Screenshots, $"{name}-{width}.png"), FullPage = true });
            var (scrollWidth, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
            scrollWidth.Should().BeLessThanOrEqualTo(viewport, $"{path} at {width} px scrolls sideways as a whole");
            if (name == "incident" && width == 1280)
                (await page.EvaluateAsync<bool>("(() => { const t = document.querySelector('table.history'); return t.scrollWidth <= t.parentElement.clientWidth; })()"))
                    .Should().BeTrue("the Every event table fits at 1280 px");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
    [Theory]
    [InlineData(390)]
    [InlineData(1280)]
    public async Task Bars_are_as_long_as_their_numbers_and_the_timelines_text_is_at_least_11_px(int width)
    {
        var page = await web.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        try
        {
            foreach (var path in new[] { "/", "/regional" })
            {
                await page.GotoAsync(web.BaseUrl + path);
                // Each chart's bars on one scale: length per unit the same for every bar of a table (within a pixel).
                var tables = await page.EvaluateAsync<double[][][]>("""
                    [...document.querySelectorAll('table')].map(t => [...t.querySelectorAll('svg.bar')]
                      .map(s => [Number(s.dataset.best), s.querySelector('rect').getBoundingClientRect().width, s.getBoundingClientRect().width]))
                      .filter(bars => bars.length > 1)
                    """);
                tables.Should().NotBeEmpty(path);
                foreach (var bars in tables)
                {
                    var scaled = bars.Where(b => b[0] > 0).ToList();
                    var longest = scaled.MaxBy(b => b[0])!;
                    var perUnit = longest[1] / longest[0];
                    foreach (var b in scaled)
                        b[1].Should().BeApproximately(b[0] * perUnit, 1.0, $"{path} at {width} px: a bar of {b[0]} beside the scale of {perUnit:F2} px a unit");
                    scaled.Should().OnlyContain(b => b[2] <= width, "no bar is wider than the page");
                }
            }
            await page.GotoAsync(web.BaseUrl + "/incidents/sukhna-capture-2019-10-01");
            var sizes = await page.EvaluateAsync<double[]>("""
                [...document.querySelectorAll('svg.timeline text')].map(t => parseFloat(getComputedStyle(t).fontSize) * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b))
                """);
            sizes.Should().NotBeEmpty().And.OnlyContain(px => px >= 11, $"text on the timeline at {width} px");
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/incidents")]
    [InlineData("/regional")]
    public async Task A_future_as_of_date_is_refused_on_every_page(string path)
    {
        var page = await web.Browser.NewPageAsync();
        try
        {
            await page.GotoAsync(web.BaseUrl + path + "?asOfDate=2999-01-01");
            (await page.Locator(".error").InnerTextAsync()).Should().Contain("asOfDate is in the future");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
