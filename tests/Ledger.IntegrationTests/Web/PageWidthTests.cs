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
}
