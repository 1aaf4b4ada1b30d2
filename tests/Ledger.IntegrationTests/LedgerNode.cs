using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Server.Hosting;
using Ledger.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Ledger.IntegrationTests;

/// <summary>What one ledger process holds: its own connection pool, store and Orleans silo (a one-node cluster
/// on free ports, configured as <c>ledger serve</c> configures its own).</summary>
internal sealed class LedgerNode : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly IHost _host;

    private LedgerNode(NpgsqlDataSource db, MartenEventStore store, IHost host, int siloPort)
    {
        _db = db;
        Store = store;
        _host = host;
        SiloPort = siloPort;
    }

    /// <summary>The port this node's silo listens on (127.0.0.1).</summary>
    public int SiloPort { get; }

    public MartenEventStore Store { get; }
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts a node; <paramref name="storeFor"/> may put a decorator between the grains and the store.</summary>
    /// <param name="clustered">Join the cluster of every other clustered node on this database (Ledger:Cluster=postgres),
    /// instead of being a one-node cluster.</param>
    /// <summary>The certificate the clustered nodes of the test run share.</summary>
    public static readonly Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2> ClusterCertificate =
        new(() => System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(Server.Hosting.ClusterCertificate.Create(), null));

    public static async Task<LedgerNode> StartAsync(PostgresDatabase database, Func<MartenEventStore, IEventStore>? storeFor = null,
        bool clustered = false, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null, int gatewayPort = 0,
        Action<ISiloBuilder>? configure = null)
    {
        var db = database.NewDataSource();
        var store = new MartenEventStore(db);
        var siloPort = Testing.FreePorts.Next();
        var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                LedgerSilo.Configure(silo, clustered ? "postgres" : "localhost", clustered ? certificate ?? ClusterCertificate.Value : certificate);
                silo.Services.Configure<LedgerOptions>(o =>
                {
                    o.Db = database.ConnectionString;
                    o.SiloPort = siloPort;
                    o.GatewayPort = gatewayPort;
                    o.SiloAddress = "127.0.0.1";
                });
                silo.Services.AddSingleton(store);
                silo.Services.AddSingleton(new GrainStorage(storeFor?.Invoke(store) ?? store, Serialization.EventTypes.Ledger, TimeProvider.System));
                configure?.Invoke(silo);
            })
            .Build();
        await host.StartAsync();
        return new LedgerNode(db, store, host, siloPort);
    }

    public IIncidentGrain Incident(string id) => Grains.GetGrain<IIncidentGrain>(id);

    public static ReportIncident Report(string id) => new(
        id, "Attack on a military bus near Palmyra", new Occurrence(new DateOnly(2024, 1, 9)),
        new Location("SY", "sy04", Place: "Palmyra"), "ambush", "isis");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Store.DisposeAsync();
        await _db.DisposeAsync();
    }
}
