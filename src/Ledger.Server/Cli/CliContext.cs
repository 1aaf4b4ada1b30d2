using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Projections;
using Ledger.Regions;
using Ledger.Server.Hosting;
using Ledger.Server.Http;
using Npgsql;

namespace Ledger.Server.Cli;

/// <summary>What a CLI command works with: the same store, grains, projections and queries as the server,
/// on the database LEDGER_DB names (or the private cluster of ops/pg).</summary>
public sealed class CliContext : IAsyncDisposable
{
    private CliContext(NpgsqlDataSource db)
    {
        Db = db;
        Store = new PostgresEventStore(db);
        Grains = new GrainHost(Store).AddLedgerGrains();
        Runner = new ProjectionRunner(Store, LedgerProjections.All());
        Tallies = new TallyQueries(db);
        Incidents = new IncidentQueries(db);
        Directory = new RegionDirectory(db);
        Lookups = new Lookups(Grains, Directory);
    }

    public NpgsqlDataSource Db { get; }
    public PostgresEventStore Store { get; }
    public GrainHost Grains { get; }
    public ProjectionRunner Runner { get; }
    public TallyQueries Tallies { get; }
    public IncidentQueries Incidents { get; }
    public RegionDirectory Directory { get; }
    public Lookups Lookups { get; }

    public static async Task<CliContext> OpenAsync()
    {
        var db = NpgsqlDataSource.Create(LedgerApp.ConnectionString(new LedgerOptions { Db = Environment.GetEnvironmentVariable("LEDGER_DB") }));
        await SchemaMigrator.MigrateAsync(db);
        var context = new CliContext(db);
        await GazetteerSeeding.EnsureAsync(context.Grains);
        return context;
    }

    /// <summary>Brings every read model up to the head, so a query answers for everything stored so far.
    /// Safe beside a running server: the checkpoint lock keeps each batch applied once.</summary>
    public async Task CatchUpAsync(IProgress<RebuildProgress>? progress = null)
    {
        foreach (var p in Runner.Projections) await Runner.CatchUpAsync(p, progress);
    }

    public async ValueTask DisposeAsync()
    {
        await Runner.DisposeAsync();
        await Grains.DisposeAsync();
        await Store.DisposeAsync();
        await Db.DisposeAsync();
    }
}
