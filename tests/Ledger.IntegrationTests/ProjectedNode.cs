using Ledger.EventStore;
using Ledger.Import;
using Ledger.Projections;

namespace Ledger.IntegrationTests;

/// <summary>A store with its projections, caught up on demand. Commands are decided by the incident decider and
/// written through the import's path: these tests are about projections, and a silo per generated case would
/// cost a second each.</summary>
internal sealed class ProjectedNode : IAsyncDisposable
{
    private readonly Npgsql.NpgsqlDataSource _db;
    private readonly PostgresDatabase _database;

    public ProjectedNode(PostgresDatabase db)
    {
        _database = db;
        _db = db.NewDataSource();
        Store = new MartenEventStore(_db);
        Tallies = new TallyQueries(_db);
    }

    public MartenEventStore Store { get; }
    /// <summary>The class's incident projection on Marten's daemon, shared by every node of the class.</summary>
    public ReadModelDaemon Runner => _database.IncidentDaemonAsync().GetAwaiter().GetResult();
    public ITableProjection Incidents => Runner.Projections[0];
    public TallyQueries Tallies { get; }

    /// <summary>Runs a command, catches the projections up, and returns the position it was stored at.</summary>
    public async Task<long> Do(string incident, Incidents.IncidentCommand command, string by = "reporter")
    {
        var session = new ImportSession(Store, by);
        var step = await session.IncidentAsync(Guid.NewGuid().ToString("N"), command, incident);
        step.Status.Should().Be(ImportStatus.Applied, step.Error?.ToString());
        await session.FlushAsync();
        await Runner.CatchUpAsync();
        return await Store.HeadPositionAsync();
    }

    /// <summary>Runs a command that may be refused (a refusal appends nothing), without catching up.</summary>
    public async Task Try(string incident, Incidents.IncidentCommand command)
    {
        var session = new ImportSession(Store, "p");
        await session.IncidentAsync(Guid.NewGuid().ToString("N"), command, incident);
        await session.FlushAsync();
    }

    /// <summary>The incident's state, folded from its stream.</summary>
    public async Task<Grains.Versioned<Ledger.Incidents.IncidentState>> StateAsync(string incident)
    {
        var events = await Store.ReadStreamAsync(Ledger.Incidents.IncidentDecider.Kind.StreamFor(incident));
        var state = Ledger.Incidents.IncidentState.Fold(events.Select(e => ((Ledger.Incidents.IIncidentEvent)Serialization.EventTypes.Ledger.Deserialize(e.Type, e.Data), e.Context)));
        return new Grains.Versioned<Ledger.Incidents.IncidentState>(state, events.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await _db.DisposeAsync();
    }
}
