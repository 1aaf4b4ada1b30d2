using System.Net;
using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Serialization;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Ledger.Server.Hosting;

/// <summary>
/// The Orleans silo every <c>ledger serve</c> runs beside its API: the ledger's grains, their log-consistency
/// provider over our event store, how the ledger's types travel, and the cluster this node joins.
/// </summary>
public static class LedgerSilo
{
    /// <param name="cluster">Ledger:Cluster, known when the host is built: it decides which membership provider
    /// is registered. Ports, addresses and the cluster id are read from <see cref="LedgerOptions"/> when the silo
    /// starts, so that settings applied late (tests, hosting environments) count.</param>
    /// <param name="certificate">The cluster's certificate (<see cref="ClusterCertificate"/>), needed with postgres
    /// clustering: every connection between silos is mutual TLS with it. A one-node cluster makes its own when none
    /// is given.</param>
    public static ISiloBuilder Configure(ISiloBuilder silo, string cluster, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        silo.AddCustomStorageBasedLogConsistencyProvider(CommandGrain.StorageProvider);
        silo.Services.AddSerializer(s => s.AddLedgerTypes());
        silo.Services.AddSingleton(sp => new GrainStorage(sp.GetRequiredService<MartenEventStore>(), EventTypes.Ledger, TimeProvider.System));
        switch (cluster)
        {
            case "localhost":
                // A one-node cluster still listens on its silo port (127.0.0.1), where any local process could join as a
                // silo and call grains as admin. The port speaks mutual TLS pinned to a certificate only this process
                // holds: made in memory at start unless one is configured, so no file, user or process can present it.
                silo.UseTls(tls => ClusterCertificate.Configure(tls, certificate ?? OwnCertificate.Value));
                silo.UseLocalhostClustering();
                silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<LedgerOptions>>((endpoint, ledger) =>
                {
                    endpoint.AdvertisedIPAddress = IPAddress.Loopback;
                    endpoint.SiloPort = ledger.Value.SiloPort;
                    endpoint.GatewayPort = ledger.Value.GatewayPort;
                });
                break;
            case "postgres":
                // Silos listen on the network: one without the cluster's certificate must not join, and no outside
                // Orleans client or silo may call a grain (which would write as any key, with no role or limit).
                if (certificate is null)
                    throw new InvalidOperationException("Ledger:Cluster=postgres needs the cluster's certificate: set LEDGER_CLUSTER_CERT to a PKCS#12 file that every node of the cluster shares (ledger cluster-certificate FILE makes one)");
                silo.UseTls(tls => ClusterCertificate.Configure(tls, certificate));
                silo.UseAdoNetClustering(o => o.Configure<IOptions<LedgerOptions>>((ado, ledger) =>
                {
                    ado.Invariant = "Npgsql";
                    // Our membership tables and statements live in schema "orleans" (migration 008).
                    ado.ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(LedgerApp.ConnectionString(ledger.Value)) { SearchPath = "orleans" }.ConnectionString;
                }));
                silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<LedgerOptions>>((endpoint, ledger) =>
                {
                    var o = ledger.Value;
                    endpoint.SiloPort = o.SiloPort;
                    endpoint.GatewayPort = o.GatewayPort;
                    endpoint.AdvertisedIPAddress = o.SiloAddress is { } address ? IPAddress.Parse(address) : FirstAddress();
                    // Bound to the advertised address only, never every interface: the silo port is for the cluster's silos.
                    endpoint.SiloListeningEndpoint = new IPEndPoint(endpoint.AdvertisedIPAddress, o.SiloPort);
                    if (o.GatewayPort > 0) endpoint.GatewayListeningEndpoint = new IPEndPoint(endpoint.AdvertisedIPAddress, o.GatewayPort);
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
                throw new InvalidOperationException($"Ledger:Cluster is '{cluster}'; it must be localhost or postgres");
        }
        silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<LedgerOptions>>((c, ledger) =>
        {
            c.ClusterId = ledger.Value.ClusterId;
            c.ServiceId = "incident-ledger";
        });
        return silo;
    }

    /// <summary>A one-node silo's certificate when none is configured: new at every start, never written anywhere.</summary>
    private static readonly Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2> OwnCertificate =
        new(() => System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(ClusterCertificate.Create("single-node"), null));

    private static IPAddress FirstAddress() =>
        Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? IPAddress.Loopback;

    /// <summary>With PostgreSQL clustering the membership tables must exist before the silo starts: the schema is
    /// migrated first (retrying while the database is not up yet: without it there is no cluster to join).</summary>
    public sealed class ClusterSchema(Npgsql.NpgsqlDataSource db, IOptions<LedgerOptions> options, ILogger<ClusterSchema> log) : IHostedService
    {
        public async Task StartAsync(CancellationToken ct)
        {
            if (!await DatabaseRetry.UntilReachableAsync(token => SchemaMigrator.MigrateAsync(db, LedgerApp.OwnerConnectionString(options.Value), token), log, "to join the cluster", ct))
                ct.ThrowIfCancellationRequested();
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
