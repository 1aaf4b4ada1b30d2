using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Serialization;
using Ledger.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ledger.Benchmarks;

/// <summary>An Orleans silo configured as <c>ledger serve</c> configures its own, over a given store, on free ports.</summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();
    public IManagementGrain Management => Grains.GetGrain<IManagementGrain>(0);

    public static async Task<BenchSilo> StartAsync(MartenEventStore store, string connectionString)
    {
        var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                LedgerSilo.Configure(silo, "localhost");
                silo.Services.Configure<LedgerOptions>(o => { o.Db = connectionString; o.SiloPort = Testing.FreePorts.Next(); o.GatewayPort = 0; });
                silo.Services.AddSingleton(store);
                silo.Services.AddSingleton(new GrainStorage(store, EventTypes.Ledger, TimeProvider.System));
            })
            .Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
