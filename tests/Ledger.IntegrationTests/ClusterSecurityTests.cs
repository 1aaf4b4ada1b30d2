using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Ledger.Grains;
using Ledger.Incidents;
using Orleans.Serialization;
using Ledger.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Ledger.IntegrationTests;

/// <summary>docs/CONTRACT.md §4: the HTTP API is the only way in. Silos of a cluster authenticate each other with the
/// cluster's certificate (mutual TLS, pinned), so an outside silo cannot join and an outside Orleans client cannot
/// reach a grain, even where a gateway port is open.</summary>
public sealed class ClusterSecurityTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static X509Certificate2 Another() => X509CertificateLoader.LoadPkcs12(ClusterCertificate.Create("intruder"), null);

    [Fact]
    public async Task A_silo_with_another_certificate_cannot_join_the_cluster()
    {
        await using var member = await LedgerNode.StartAsync(db, clustered: true);
        // The intruder runs in a process of its own: Orleans ends the whole process of a silo the cluster declares dead.
        var certificate = Path.Combine(Path.GetTempPath(), $"intruder-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(certificate, ClusterCertificate.Create("intruder"));
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ledger.dll"), "serve"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["LEDGER_DB"] = db.ConnectionString;
        info.Environment["LEDGER_URLS"] = $"http://127.0.0.1:{Ledger.Testing.FreePorts.Next()}";
        info.Environment["LEDGER_CLUSTER"] = "postgres";
        info.Environment["LEDGER_CLUSTER_CERT"] = certificate;
        info.Environment["LEDGER_SILO_ADDRESS"] = "127.0.0.1";
        info.Environment["LEDGER_SILO_PORT"] = Ledger.Testing.FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var intruder = Process.Start(info)!;
        intruder.OutputDataReceived += (_, _) => { };
        intruder.ErrorDataReceived += (_, _) => { };
        intruder.BeginOutputReadLine();
        intruder.BeginErrorReadLine();
        try
        {
            // Whether it gives up or hangs on, the member's cluster never counts it as active.
            var deadline = DateTime.UtcNow.AddSeconds(25);
            while (!intruder.HasExited && DateTime.UtcNow < deadline)
            {
                (await member.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Should().ContainSingle("only the silo with the cluster's certificate is active");
                await Task.Delay(1000);
            }
            (await member.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Should().ContainSingle();
            (await member.Incident("still-" + Guid.NewGuid().ToString("N")[..8]).GetState()).Version.Should().Be(0, "the member still serves");
        }
        finally
        {
            if (!intruder.HasExited) intruder.Kill(entireProcessTree: true);
            File.Delete(certificate);
        }
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("another certificate")]
    [InlineData("the cluster's certificate")]
    public async Task An_outside_orleans_client_cannot_call_a_grain_even_through_an_open_gateway(string credentials)
    {
        var gateway = Ledger.Testing.FreePorts.Next();
        await using var node = await LedgerNode.StartAsync(db, clustered: true, gatewayPort: gateway);
        var certificate = credentials switch
        {
            "another certificate" => Another(),
            "the cluster's certificate" => LedgerNode.ClusterCertificate.Value,
            _ => null,
        };
        var client = new HostBuilder().UseOrleansClient(c =>
        {
            c.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gateway));
            c.Configure<ClusterOptions>(o => { o.ClusterId = "ledger"; o.ServiceId = "incident-ledger"; });
            c.Services.AddSerializer(s => s.AddLedgerTypes());
            if (certificate is not null) c.UseTls(certificate, tls => ClusterCertificate.Configure(tls, certificate));
        }).Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var call = async () =>
        {
            await client.StartAsync(timeout.Token);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            return (await grains.GetGrain<IIncidentGrain>("outside-" + Guid.NewGuid().ToString("N")[..8]).GetState()).Version;
        };
        try
        {
            // The control: a client that holds the cluster's certificate gets through, so the refusals are the certificate's doing.
            if (certificate == LedgerNode.ClusterCertificate.Value) (await call()).Should().Be(0);
            else await call.Should().ThrowAsync<Exception>("the gateway takes only the cluster's certificate");
        }
        finally
        {
            try { await client.StopAsync(CancellationToken.None); } catch (Exception) { /* it never connected */ }
            client.Dispose();
        }
    }
}
