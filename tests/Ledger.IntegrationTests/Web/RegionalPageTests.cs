namespace Ledger.IntegrationTests.Web;

/// <summary>The regional page sets the ledger's side beside a source's total honestly: SOHR's "at least 570" in the
/// Badiya stands beside incidents whose numbers rest on Amaq's claim alone, and the page says so and links them.</summary>
public sealed class RegionalPageTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_ledgers_side_flags_claims_alone_and_lists_the_incidents_behind_each_note()
    {
        var page = await web.Browser.NewPageAsync();
        try
        {
            await page.GotoAsync(web.BaseUrl + "/regional");
            var notes = await page.Locator("ul.ledger-notes li").AllInnerTextsAsync();
            notes.Should().Contain(n => n.Contains("rest on a perpetrator's claims alone") && n.Contains("without them the ledger's best is"));
            var link = await page.Locator("ul.ledger-notes li a").First.GetAttributeAsync("href");
            link.Should().Contain("contested=true").And.Contain("from=").And.Contain("to=");
            var listed = await page.GotoAsync(web.BaseUrl + link);
            listed!.Status.Should().Be(200, link);
            (await page.Locator("table tbody tr").CountAsync()).Should().BeGreaterThan(0, "the note's incidents are listed");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
