using System.Diagnostics;
using Npgsql;
using Serilog;

namespace Ledger.Server.Hosting;

/// <summary>Builds the ledger's web application: configuration (here), services (<see cref="LedgerServices"/>), rate
/// limits (<see cref="RateLimits"/>), middleware and endpoints (<see cref="LedgerPipeline"/>).</summary>
public static class LedgerApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var env = Environment.GetEnvironmentVariables();
        var overrides = new Dictionary<string, string?>();
        if (env["LEDGER_DB"] is string db) overrides["Ledger:Db"] = db;
        if (env["LEDGER_OWNER_DB"] is string ownerDb) overrides["Ledger:OwnerDb"] = ownerDb;
        if (env["LEDGER_URLS"] is string urls) overrides["urls"] = urls;
        if (env["LEDGER_CLUSTER"] is string clusterMode) overrides["Ledger:Cluster"] = clusterMode;
        if (env["LEDGER_SILO_PORT"] is string siloPort) overrides["Ledger:SiloPort"] = siloPort;
        if (env["LEDGER_GATEWAY_PORT"] is string gatewayPort) overrides["Ledger:GatewayPort"] = gatewayPort;
        if (env["LEDGER_SILO_ADDRESS"] is string siloAddress) overrides["Ledger:SiloAddress"] = siloAddress;
        if (env["LEDGER_CLUSTER_CERT"] is string clusterCert) overrides["Ledger:ClusterCertificate"] = clusterCert;
        if (env["LEDGER_CLUSTER_CERT_PASSWORD"] is string clusterCertPassword) overrides["Ledger:ClusterCertificatePassword"] = clusterCertPassword;
        if (env["LEDGER_CHECKPOINT_KEY"] is string checkpointKey) overrides["Ledger:CheckpointKey"] = checkpointKey;
        if (env["LEDGER_CHECKPOINT_INTERVAL"] is string checkpointInterval) overrides["Ledger:CheckpointInterval"] = checkpointInterval;
        builder.Configuration.AddInMemoryCollection(overrides);
        if (builder.Configuration["urls"] is null) builder.WebHost.UseUrls("http://127.0.0.1:5080");

        // Each host keeps its own logger (several run in one test process): the static Log.Logger is left alone.
        builder.Host.UseSerilog((context, _, config) => Logging.Configure(config, context.Configuration), preserveStaticLogger: true);

        builder.AddLedgerServices();
        builder.Services.AddLedgerRateLimits();
        var app = builder.Build();
        app.UseLedgerPipeline();
        app.MapLedgerEndpoints();
        return app;
    }

    /// <summary>LEDGER_DB, or the runtime role on the private cluster that ops/pg runs for this checkout.</summary>
    public static string ConnectionString(LedgerOptions options) =>
        !string.IsNullOrWhiteSpace(options.Db) ? options.Db : PrivateCluster("app");

    /// <summary>A server's connections: a transaction left open and idle for 10 s is ended by PostgreSQL. The ledger's
    /// own transactions never wait on anything but the database; one that idles is a node that stopped mid-write
    /// (paused, hung), whose open transaction would otherwise hold every projection below its positions.</summary>
    public static string ServerConnectionString(LedgerOptions options)
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString(options));
        b.Options = $"{b.Options} -c idle_in_transaction_session_timeout=10000".Trim();
        return b.ConnectionString;
    }

    /// <summary>LEDGER_OWNER_DB; with neither it nor LEDGER_DB, the owner role on the private cluster; else none
    /// (a single-role database migrates as LEDGER_DB's role).</summary>
    public static string? OwnerConnectionString(LedgerOptions options) =>
        !string.IsNullOrWhiteSpace(options.OwnerDb) ? options.OwnerDb
        : string.IsNullOrWhiteSpace(options.Db) ? PrivateCluster("owner")
        : null;

    private static string PrivateCluster(string role)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ops", "pg"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("LEDGER_DB is not set and no checkout with ops/pg was found");
        using var p = Process.Start(new ProcessStartInfo(Path.Combine(dir.FullName, "ops", "pg"), $"url ledger {role}") { RedirectStandardOutput = true })!;
        var url = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return p.ExitCode == 0 ? url : throw new InvalidOperationException("LEDGER_DB is not set and ops/pg has no cluster: run ops/pg start");
    }
}
