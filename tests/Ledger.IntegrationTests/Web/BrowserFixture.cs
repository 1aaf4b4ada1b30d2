using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Ledger.IntegrationTests.Web;

/// <summary>A real `ledger serve` process with the sample data on a database of its own, and headless Chromium
/// (Debian's, which ops/test installs when missing) driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string AdminKey = "browser-admin-key-1";
    public PostgresDatabase Database { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public HttpClient Api { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string Screenshots { get; } = Path.Combine(Root(), "artifacts", "screenshots");
    private Process _server = null!;
    private IPlaywright _playwright = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ledger.dll"), "serve"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["LEDGER_DB"] = Database.ConnectionString;
        info.Environment["LEDGER_URLS"] = BaseUrl;
        info.Environment["LEDGER_SAMPLE"] = "1";
        info.Environment["LEDGER_ADMIN_KEY"] = AdminKey;
        _server = Process.Start(info)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        Api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        Api.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        for (var i = 0; ; i++)
        {
            if (_server.HasExited) throw new InvalidOperationException("ledger serve exited");
            try { if ((await Api.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) break; } catch (HttpRequestException) { }
            if (i > 240) throw new TimeoutException("ledger serve did not become ready");
            await Task.Delay(500);
        }
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
        if (_server is { HasExited: false }) { _server.Kill(entireProcessTree: true); await _server.WaitForExitAsync(); }
        Api?.Dispose();
        await Database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ledger.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
