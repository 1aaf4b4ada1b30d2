namespace Ledger.Server.Hosting;

/// <summary>Section "Ledger" of the configuration; the LEDGER_* environment variables map onto it.</summary>
public sealed class LedgerOptions
{
    /// <summary>Npgsql connection string (LEDGER_DB).</summary>
    public string? Db { get; set; }
    /// <summary>The schema owner's connection (LEDGER_OWNER_DB): migrations run as it, and then grant the role of
    /// <see cref="Db"/> what the ledger needs at run time. Unset: migrations run as <see cref="Db"/>'s role.</summary>
    public string? OwnerDb { get; set; }
    /// <summary>Keys as name:role:key (Ledger:ApiKeys:0 ...), plus LEDGER_ADMIN_KEY and LEDGER_API_KEYS.</summary>
    public List<string> ApiKeys { get; set; } = [];
    public bool AnonymousReads { get; set; } = true;
    public long MaxBodyBytes { get; set; } = 256 * 1024;
    /// <summary>Writes per API key (or client address) per second; 0 turns the limiter off.</summary>
    public int WritesPerSecond { get; set; } = 200;
    /// <summary>Reads without a key, per client address and second (burst twice that); 0 = no limit. A reader with
    /// a key is not counted here: its key can be revoked.</summary>
    public int AnonymousReadsPerSecond { get; set; } = 200;
    /// <summary>Of those, reads that cost the server more (an incident's page and history, a tally's history, the
    /// exports, the feed, drafting), per client address and second (burst twice that); 0 = no separate limit.</summary>
    public int AnonymousHeavyReadsPerSecond { get; set; } = 2;
    /// <summary>Whole-ledger verifications per client and minute (/api/verify reads every event).</summary>
    public int VerificationsPerMinute { get; set; } = 6;
    /// <summary>/health/ready fails while the projections are further behind the head than this.</summary>
    public long MaxProjectionLag { get; set; } = 10_000;
    /// <summary>Run the projection runners in this process (one of all processes leads each).</summary>
    public bool RunProjections { get; set; } = true;
    /// <summary>/metrics (Prometheus): "loopback" answers callers on this machine only, "on" anyone, "off" turns
    /// metrics off.</summary>
    public string Metrics { get; set; } = "loopback";
    /// <summary>"localhost": this node is a one-node cluster. "postgres": nodes on the same database form one
    /// cluster through Orleans' ADO.NET membership tables (LEDGER_CLUSTER).</summary>
    public string Cluster { get; set; } = "localhost";
    /// <summary>Orleans silo-to-silo port (LEDGER_SILO_PORT).</summary>
    public int SiloPort { get; set; } = 11111;
    /// <summary>Orleans client gateway port (LEDGER_GATEWAY_PORT); 0, the default: no gateway. A gateway client is not
    /// authenticated and writes as any key: the HTTP API, with its keys, roles and limits, is the way in.</summary>
    public int GatewayPort { get; set; }
    /// <summary>The address other silos reach this one at (LEDGER_SILO_ADDRESS); by default the loopback address
    /// with localhost clustering and this host's first address otherwise.</summary>
    public string? SiloAddress { get; set; }
    /// <summary>The cluster's certificate (LEDGER_CLUSTER_CERT, a PKCS#12 file; `ledger cluster-certificate FILE` makes
    /// one): silos of a postgres cluster talk mutual TLS and accept only a peer that presents it. Required there.</summary>
    public string? ClusterCertificate { get; set; }
    /// <summary>Its password, if it has one (LEDGER_CLUSTER_CERT_PASSWORD).</summary>
    public string? ClusterCertificatePassword { get; set; }
    /// <summary>The PEM private key that signs each release's checkpoint (LEDGER_CHECKPOINT_KEY; `ledger checkpoint-key
    /// FILE` makes one). Keep it away from the database; without it releases carry no checkpoint.</summary>
    public string? CheckpointKey { get; set; }
    /// <summary>With a checkpoint key, how often the head is signed (LEDGER_CHECKPOINT_INTERVAL, e.g. 01:00:00), when it
    /// moved since the last checkpoint; GET /api/checkpoints lists them. 00:00:00 signs only releases.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Nodes with the same cluster id on one database form one cluster.</summary>
    public string ClusterId { get; set; } = "ledger";
}
