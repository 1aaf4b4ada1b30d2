using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Ledger.IntegrationTests.Web;

/// <summary>A real `ledger serve` process with the sample data on a database of its own, and headless Chromium
/// (Debian's, which ops/test installs when missing) driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();

    /// <summary>Keys of people who sign in on the pages, one per role.</summary>
    public const string ReaderKey = "desk-reader-key-0001", ReporterKey = "desk-reporter-key-0001", EditorKey = "Ed1t0r-Desk-Key-9fQ2xL7vB3nW8rT4kP6m";
    public string BaseUrl { get; private set; } = "";
    public HttpClient Api { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string Screenshots { get; } = Path.Combine(Testing.Checkout.Root, "artifacts", "screenshots");
    private LedgerProcess _server = null!;
    private IPlaywright _playwright = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _server = await LedgerProcess.StartAsync(Database.ConnectionString, sample: true, new Dictionary<string, string>
        {
            ["LEDGER_API_KEYS"] = $"desk-reader:reader:{ReaderKey},desk-reporter:reporter:{ReporterKey},desk-editor:editor:{EditorKey}",
        });
        BaseUrl = _server.BaseUrl;
        Api = _server.Api;
        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <summary>A POST as admin; returns the answer's X-Ledger-Position.</summary>
    public async Task<long> Post(string path, object body)
    {
        var response = await Api.PostAsJsonAsync(path, body);
        response.IsSuccessStatusCode.Should().BeTrue($"POST {path}: {await response.Content.ReadAsStringAsync()}");
        return long.Parse(response.Headers.GetValues("X-Ledger-Position").Single());
    }

    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var response = await page.GotoAsync(BaseUrl + path);
        response!.Status.Should().Be(200, path);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        await Database.DisposeAsync();
    }

}
