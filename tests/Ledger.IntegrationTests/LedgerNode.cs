using Ledger.EventStore;
using Ledger.Grains;
using Ledger.Incidents;
using Ledger.Sources;
using Npgsql;

namespace Ledger.IntegrationTests;

/// <summary>What one ledger process holds: its own connection pool, store and grain host.</summary>
internal sealed class LedgerNode : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;

    public LedgerNode(PostgresDatabase database, GrainHostOptions? options = null)
    {
        _db = database.NewDataSource();
        Store = new PostgresEventStore(_db);
        Host = new GrainHost(Store, options).AddLedgerGrains();
    }

    public PostgresEventStore Store { get; }
    public GrainHost Host { get; }

    public IIncidentGrain Incident(string id) => Host.GetGrain<IIncidentGrain>(id);

    public static readonly SourceRef Sohr = SourceRef.Of("sohr", SourceKind.Monitor);

    public static ReportIncident Report(string id) => new(
        id, "Attack on a military bus near Palmyra", new Occurrence(new DateOnly(2024, 1, 9)),
        new Location("SY", "sy04", Place: "Palmyra"), "ambush", "isis");

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Store.DisposeAsync();
        await _db.DisposeAsync();
    }
}
