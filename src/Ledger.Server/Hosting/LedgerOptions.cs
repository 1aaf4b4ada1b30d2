namespace Ledger.Server.Hosting;

/// <summary>Section "Ledger" of the configuration; the LEDGER_* environment variables map onto it.</summary>
public sealed class LedgerOptions
{
    /// <summary>Npgsql connection string (LEDGER_DB).</summary>
    public string? Db { get; set; }
    /// <summary>Keys as name:role:key (Ledger:ApiKeys:0 ...), plus LEDGER_ADMIN_KEY and LEDGER_API_KEYS.</summary>
    public List<string> ApiKeys { get; set; } = [];
    public bool AnonymousReads { get; set; } = true;
    public long MaxBodyBytes { get; set; } = 256 * 1024;
    /// <summary>Writes per API key (or client address) per second; 0 turns the limiter off.</summary>
    public int WritesPerSecond { get; set; } = 200;
    /// <summary>/health/ready fails while the projections are further behind the head than this.</summary>
    public long MaxProjectionLag { get; set; } = 10_000;
    /// <summary>Run the projection runners in this process (one of all processes leads each).</summary>
    public bool RunProjections { get; set; } = true;
    /// <summary>/metrics (Prometheus): "loopback" answers callers on this machine only, "on" anyone, "off" turns
    /// metrics off.</summary>
    public string Metrics { get; set; } = "loopback";
}
