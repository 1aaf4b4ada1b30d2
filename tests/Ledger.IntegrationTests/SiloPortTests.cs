using System.Net;
using System.Security.Cryptography.X509Certificates;
using Ledger.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Ledger.IntegrationTests;

/// <summary>A one-node ledger (no LEDGER_CLUSTER) still listens on a silo port on 127.0.0.1. Any process of the host,
/// of any user, could start a silo there, join, and call grains as admin. The port takes only a peer that presents
/// the node's own certificate, which no other process holds.</summary>
public sealed class SiloPortTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Theory]
    [InlineData("plain")]
    [InlineData("another certificate")]
    [InlineData("the node's certificate")]
    public async Task A_foreign_silo_cannot_join_a_single_node(string credentials)
    {
        using var own = X509CertificateLoader.LoadPkcs12(ClusterCertificate.Create("single-node"), null);
        await using var node = await LedgerNode.StartAsync(db, certificate: own);
        using var another = X509CertificateLoader.LoadPkcs12(ClusterCertificate.Create("single-node"), null);
        var certificate = credentials switch { "plain" => null, "another certificate" => another, _ => own };
        var intruder = new HostBuilder().UseOrleans(silo =>
        {
            // As the re-test's attacker did: a development cluster whose primary is the node's silo port.
            silo.UseDevelopmentClustering(new IPEndPoint(IPAddress.Loopback, node.SiloPort));
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = IPAddress.Loopback;
                o.SiloPort = Ledger.Testing.FreePorts.Next();
                o.GatewayPort = Ledger.Testing.FreePorts.Next();
            });
            silo.Configure<ClusterOptions>(o => { o.ClusterId = "ledger"; o.ServiceId = "incident-ledger"; });
            silo.Configure<ClusterMembershipOptions>(o => o.MaxJoinAttemptTime = TimeSpan.FromSeconds(8));
            if (certificate is not null) silo.UseTls(tls => ClusterCertificate.Configure(tls, certificate));
        }).Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var joined = false;
        try
        {
            await intruder.StartAsync(timeout.Token);
            joined = (await node.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 2;
        }
        catch (Exception) { /* refused: it never joined */ }
        finally
        {
            try { await intruder.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token); } catch (Exception) { /* it never started */ }
            intruder.Dispose();
        }
        // The control: a silo with the node's own certificate does join, so the refusals are the certificate's doing.
        joined.Should().Be(certificate == own, "only a holder of the node's certificate may join");
        (await node.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Should().ContainSingle("the node serves alone");
    }
}
