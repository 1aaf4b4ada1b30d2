using Ledger.Grains;
using Ledger.Projections;

namespace Ledger.IntegrationTests;

/// <summary>A ledger node with its projections, caught up on demand.</summary>
internal sealed class ProjectedNode : IAsyncDisposable
{
    public ProjectedNode(PostgresDatabase db)
    {
        Node = new LedgerNode(db);
        Incidents = new IncidentProjection();
        Runner = new ProjectionRunner(Node.Store, [Incidents]);
        Tallies = new TallyQueries(Node.Store.DataSource);
    }

    public LedgerNode Node { get; }
    public IncidentProjection Incidents { get; }
    public ProjectionRunner Runner { get; }
    public TallyQueries Tallies { get; }

    /// <summary>Runs a command, catches the projections up, and returns the position it was stored at.</summary>
    public async Task<long> Do(string incident, Incidents.IncidentCommand command, string by = "reporter")
    {
        var outcome = await Node.Incident(incident).Handle(command, new CommandMetadata(by));
        outcome.Status.Should().Be(CommandStatus.Accepted, outcome.Error?.ToString());
        await Runner.CatchUpAsync(Incidents);
        return outcome.LastPosition!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await Runner.DisposeAsync();
        await Node.DisposeAsync();
    }
}
