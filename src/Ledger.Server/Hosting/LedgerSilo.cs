using System.Net;
using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Serialization;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Ledger.Server.Hosting;

/// <summary>
/// The Orleans silo every <c>ledger serve</c> runs beside its API: the ledger's grains, their log-consistency
/// provider over our event store, how the ledger's types travel, and the cluster this node joins.
/// </summary>
public static class LedgerSilo
{
    public static ISiloBuilder Configure(ISiloBuilder silo, LedgerOptions options, Func<string> connectionString)
    {
        silo.AddCustomStorageBasedLogConsistencyProvider(CommandGrain.StorageProvider);
        silo.Services.AddSerializer(s => s.AddLedgerTypes());
        silo.Services.AddSingleton(sp => new GrainStorage(sp.GetRequiredService<PostgresEventStore>(), EventTypes.Ledger, TimeProvider.System));
        silo.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = "incident-ledger"; });
        switch (options.Cluster)
        {
            case "localhost":
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: "incident-ledger", clusterId: options.ClusterId);
                break;
            case "postgres":
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    // Our membership tables and statements live in schema "orleans" (migration 008).
                    o.ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(connectionString()) { SearchPath = "orleans" }.ConnectionString;
                });
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = options.SiloPort;
                    o.GatewayPort = options.GatewayPort;
                    o.AdvertisedIPAddress = options.SiloAddress is { } address ? IPAddress.Parse(address) : FirstAddress();
                    o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, options.SiloPort);
                    if (options.GatewayPort > 0) o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, options.GatewayPort);
                });
                // A node killed outright is declared dead in seconds, not the default minute: its grains move on.
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
                });
                break;
            default:
                throw new InvalidOperationException($"Ledger:Cluster is '{options.Cluster}'; it must be localhost or postgres");
        }
        return silo;
    }

    private static IPAddress FirstAddress() =>
        Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? IPAddress.Loopback;

    /// <summary>With PostgreSQL clustering the membership tables must exist before the silo starts: the schema is
    /// migrated first (retrying while the database is not up yet: without it there is no cluster to join).</summary>
    public sealed class ClusterSchema(Npgsql.NpgsqlDataSource db, ILogger<ClusterSchema> log) : IHostedService
    {
        public async Task StartAsync(CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await SchemaMigrator.MigrateAsync(db, ct);
                    return;
                }
                catch (Exception ex) when (StorageUnavailableException.IsCause(ex) && !ct.IsCancellationRequested)
                {
                    log.LogWarning("the database cannot be reached yet to join the cluster (attempt {Attempt}): {Reason}", attempt, ex.Message);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), ct);
                }
            }
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
