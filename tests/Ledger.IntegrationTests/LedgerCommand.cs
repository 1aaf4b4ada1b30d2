using System.Diagnostics;

namespace Ledger.IntegrationTests;

/// <summary>The `ledger` command line of this build, run as a real process on a test's database.</summary>
internal static class LedgerCommand
{
    public static Process Start(string connectionString, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ledger.dll"), .. args])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["LEDGER_DB"] = connectionString;
        return Process.Start(info)!;
    }

    /// <summary>Its exit code, and what it printed on standard output and then standard error.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string connectionString, params string[] args)
    {
        using var p = Start(connectionString, args);
        var error = p.StandardError.ReadToEndAsync();
        var output = await p.StandardOutput.ReadToEndAsync() + await error;
        await p.WaitForExitAsync();
        return (p.ExitCode, output);
    }
}
