using Ledger.EventStore;
using Ledger.Projections;
using Ledger.Regions;
using Ledger.Server.Hosting;
using Ledger.Server.Http;
using Npgsql;

namespace Ledger.Server.Cli;

/// <summary>What a CLI command works with: the same store, projections and queries as the server (no silo: it
/// reads streams from the store and writes through the import's path),
/// on the database LEDGER_DB names (or the private cluster of ops/pg).</summary>
public sealed class CliContext : IAsyncDisposable
{
    private CliContext(NpgsqlDataSource db)
    {
        Db = db;
        Store = new MartenEventStore(db);
        Runner = new ReadModelDaemon(Store, LedgerProjections.All());
        Tallies = new TallyQueries(db);
        Incidents = new IncidentQueries(db);
        Directory = new RegionDirectory(db);
        Actors = new Actors.ActorDirectory(db);
        Lookups = new Lookups(new StoredStates(Store), Directory, new Releases.ReleaseBook(db), Actors);
    }

    public NpgsqlDataSource Db { get; }
    public MartenEventStore Store { get; }
    public ReadModelDaemon Runner { get; }
    public TallyQueries Tallies { get; }
    public IncidentQueries Incidents { get; }
    public RegionDirectory Directory { get; }
    public Lookups Lookups { get; }
    public Actors.ActorDirectory Actors { get; }

    public static async Task<CliContext> OpenAsync()
    {
        var options = new LedgerOptions { Db = Environment.GetEnvironmentVariable("LEDGER_DB"), OwnerDb = Environment.GetEnvironmentVariable("LEDGER_OWNER_DB") };
        var db = NpgsqlDataSource.Create(LedgerApp.ConnectionString(options));
        await SchemaMigrator.MigrateAsync(db, LedgerApp.OwnerConnectionString(options));
        var context = new CliContext(db);
        await GazetteerSeeding.EnsureAsync(context.Store);
        await Ledger.Actors.ActorSeeding.EnsureAsync(context.Store);
        return context;
    }

    /// <summary>Brings every read model up to the head, so a query answers for everything stored so far: here, or by
    /// waiting for the server that projects (Marten's progress check keeps each page applied once either way).</summary>
    public Task CatchUpAsync() => Runner.CatchUpAsync();

    public async ValueTask DisposeAsync()
    {
        await Runner.DisposeAsync();
        await Store.DisposeAsync();
        await Db.DisposeAsync();
    }
}
