using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ledger.IntegrationTests;

/// <summary>A real `ledger serve` process on a database, on a free port, with an admin key; ready when started.</summary>
public sealed class LedgerProcess : IAsyncDisposable
{
    public const string AdminKey = "process-admin-key-7Hq2Lx9Vb4Nw8Rt3";
    private readonly Process _process;
    public string BaseUrl { get; }
    public HttpClient Api { get; }

    private LedgerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Api = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        Api.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
    }

    /// <param name="settings">More environment for the process (LEDGER_*, or Ledger__Key for any setting).</param>
    public static async Task<LedgerProcess> StartAsync(string connectionString, bool sample = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ledger.dll"), "serve"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["LEDGER_DB"] = connectionString;
        info.Environment["LEDGER_URLS"] = url;
        info.Environment["LEDGER_ADMIN_KEY"] = AdminKey;
        info.Environment["LEDGER_SILO_PORT"] = LedgerNode.FreePort().ToString(); // processes of parallel tests never share a port
        info.Environment["LEDGER_GATEWAY_PORT"] = "0";
        if (sample) info.Environment["LEDGER_SAMPLE"] = "1";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new LedgerProcess(process, url);
        for (var i = 0; ; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"ledger serve exited with {process.ExitCode}");
            try { if ((await node.Api.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return node; } catch (HttpRequestException) { }
            if (i > 240) throw new TimeoutException("ledger serve did not become ready");
            await Task.Delay(500);
        }
    }

    /// <summary>Runs `ledger serve` on a database with these settings (free ports unless they say otherwise) until it
    /// exits or a minute passes: for nodes that must refuse to start. Its exit code, standard error and how long it took.</summary>
    public static async Task<(int Code, string Error, TimeSpan Took)> ServeUntilExitAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ledger.dll"), "serve"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["LEDGER_DB"] = connectionString;
        info.Environment["LEDGER_URLS"] = $"http://127.0.0.1:{FreePort()}";
        info.Environment["LEDGER_SILO_PORT"] = LedgerNode.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(cts.Token); }
        finally { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        await output;
        return (process.ExitCode, (await error).Trim(), clock.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        _process.Dispose();
        Api.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
