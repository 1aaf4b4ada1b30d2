using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Projections;
using Ledger.Regions;
using Npgsql;

namespace Ledger.Server.Hosting;

/// <summary>
/// Before the node serves: the schema (idempotent), the gazetteer's governorates as region events
/// (deterministic command ids, so every node and every restart agrees and nothing is appended twice),
/// then the projection runners. On stop, projections and grains are let go cleanly.
/// </summary>
public sealed class LedgerStartup(NpgsqlDataSource db, GrainHost grains, ProjectionRunner runner,
    Microsoft.Extensions.Options.IOptions<LedgerOptions> options, ILogger<LedgerStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await SchemaMigrator.MigrateAsync(db, ct);
        var defined = 0;
        foreach (var region in Gazetteer.Regions)
        {
            var outcome = await grains.GetGrain<IRegionGrain>(region.RegionId).Handle(
                new DefineRegion(region.RegionId, region.Name, region.Country, region.Level, region.ParentId, region.Aliases, region.Members),
                new CommandMetadata("ledger", "startup", $"gazetteer/{region.RegionId}"));
            if (outcome.Status == CommandStatus.Accepted) defined++;
        }
        if (defined > 0) log.LogInformation("defined {Count} gazetteer regions", defined);
        if (options.Value.RunProjections) runner.Start();
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await runner.DisposeAsync();
        await grains.DisposeAsync();
    }
}
