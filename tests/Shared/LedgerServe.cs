using System.Diagnostics;

namespace Ledger.Testing;

/// <summary>`ledger serve` as a child process, for every test and scenario that starts a real one: its environment,
/// its output drained (a full pipe would stall it), and waiting until it says it is ready.</summary>
internal static class LedgerServe
{
    /// <summary>Starts `dotnet ledger.dll serve` with this environment on top of the caller's.</summary>
    public static Process Start(string ledgerDll, IReadOnlyDictionary<string, string> environment, bool drain = true)
    {
        var info = new ProcessStartInfo("dotnet", [ledgerDll, "serve"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in environment) info.Environment[k] = v;
        var process = Process.Start(info)!;
        if (drain)
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        return process;
    }

    /// <summary>Polls /health/ready until it answers 200; refuses when the process exits or the time is up.</summary>
    public static async Task WaitReadyAsync(Process process, string url, TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"ledger serve exited with {process.ExitCode}");
            try { if ((await http.GetAsync(url + "/health/ready")).IsSuccessStatusCode) return; }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            if (clock.Elapsed > within) throw new TimeoutException("ledger serve did not become ready");
            await Task.Delay(500);
        }
    }
}
