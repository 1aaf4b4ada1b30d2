using System.Diagnostics;
using System.Globalization;
using Ledger.Testing;

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
        var url = $"http://127.0.0.1:{FreePorts.Next()}";
        var environment = new Dictionary<string, string>
        {
            ["LEDGER_DB"] = connectionString, ["LEDGER_URLS"] = url, ["LEDGER_ADMIN_KEY"] = AdminKey,
            // Processes of parallel tests never share a port.
            ["LEDGER_SILO_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture), ["LEDGER_GATEWAY_PORT"] = "0",
        };
        if (sample) environment["LEDGER_SAMPLE"] = "1";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) environment[k] = v;
        var node = new LedgerProcess(LedgerServe.Start(LedgerDll, environment), url);
        await LedgerServe.WaitReadyAsync(node._process, url, TimeSpan.FromMinutes(2));
        return node;
    }

    private static string LedgerDll => Path.Combine(AppContext.BaseDirectory, "ledger.dll");

    /// <summary>Runs `ledger serve` on a database with these settings (free ports unless they say otherwise) until it
    /// exits or a minute passes: for nodes that must refuse to start. Its exit code, standard error and how long it took.</summary>
    public static async Task<(int Code, string Error, TimeSpan Took)> ServeUntilExitAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["LEDGER_DB"] = connectionString, ["LEDGER_URLS"] = $"http://127.0.0.1:{FreePorts.Next()}",
            ["LEDGER_SILO_PORT"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) environment[k] = v;
        var clock = Stopwatch.StartNew();
        using var process = LedgerServe.Start(LedgerDll, environment, drain: false);
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
}
