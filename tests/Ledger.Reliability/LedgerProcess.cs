using Ledger.Testing;
using System.Diagnostics;

namespace Ledger.Reliability;

/// <summary>A real `ledger serve` process on 127.0.0.1, killed with -9 when a scenario says so.</summary>
public sealed class LedgerProcess : IDisposable
{
    public const string AdminKey = "reliability-admin-key-7Hq2Lx9Vb4Nw8Rt3";
    private readonly Process _process;

    public LedgerProcess(string ledgerDll, string db, string? logFile = null)
    {
        Port = FreePorts.Next();
        var environment = new Dictionary<string, string>
        {
            // Each process names its connections, so that a lock in pg_locks can be traced to the process that holds it.
            ["LEDGER_DB"] = new Npgsql.NpgsqlConnectionStringBuilder(db) { ApplicationName = Name }.ConnectionString,
            ["LEDGER_URLS"] = Url, ["LEDGER_ADMIN_KEY"] = AdminKey,
            ["Ledger__WritesPerSecond"] = "0", ["Ledger__MaxProjectionLag"] = "1000000",
            // Every server on one database joins one Orleans cluster, as nodes of a deployment do.
            ["LEDGER_CLUSTER"] = "postgres", ["LEDGER_SILO_ADDRESS"] = "127.0.0.1",
            ["LEDGER_SILO_PORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), ["LEDGER_GATEWAY_PORT"] = "0",
            ["LEDGER_CLUSTER_CERT"] = ClusterCertificate(ledgerDll),
        };
        if (logFile is not null) environment["LEDGER_LOG_FILE"] = logFile;
        _process = LedgerServe.Start(ledgerDll, environment);
    }

    private static string? _certificate;

    /// <summary>The certificate every server of the run shares, made once with `ledger cluster-certificate`.</summary>
    private static string ClusterCertificate(string ledgerDll)
    {
        if (_certificate is not null) return _certificate;
        var path = Path.Combine(Path.GetTempPath(), $"ledger-reliability-{Environment.ProcessId}.pfx");
        if (!File.Exists(path))
        {
            using var make = Process.Start(new ProcessStartInfo("dotnet", [ledgerDll, "cluster-certificate", path]) { RedirectStandardOutput = true })!;
            make.StandardOutput.ReadToEnd();
            make.WaitForExit();
            if (make.ExitCode != 0) throw new InvalidOperationException("ledger cluster-certificate failed");
        }
        return _certificate = path;
    }

    public int Port { get; }

    /// <summary>The application name its database connections carry.</summary>
    public string Name => $"ledger-{Port}";
    public string Url => $"http://127.0.0.1:{Port}";

    public Task WaitReadyAsync() => LedgerServe.WaitReadyAsync(_process, Url, TimeSpan.FromMinutes(1));

    public void KillHard() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGSTOP: the process stops, its sockets stay open and the kernel still answers for them.</summary>
    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString()])!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) { Resume(); _process.Kill(entireProcessTree: true); }
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
