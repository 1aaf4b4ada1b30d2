using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Projections;

namespace Ledger.IntegrationTests;

/// <summary>A ledger projected before the incident list had versions gets them: the schema's next run sees the
/// table missing, forgets the incident projection's progress, and the daemon projects the log again.</summary>
public sealed class ListingVersionsUpgradeTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task An_earlier_ledger_is_projected_again_so_that_the_list_as_of_a_past_point_holds_its_incidents()
    {
        await using (var n = new ProjectedNode(db))
        {
            await n.Do("upgrade-a", new ReportIncident("upgrade-a", "t", new Occurrence(new DateOnly(2023, 5, 1)), new Location("SY", "sy01"), "ambush"));
        }
        // As a ledger of the version before: no listing versions, progress at the head.
        await db.ExecuteAsync("DROP TABLE projections.incident_versions");
        (await db.ScalarAsync("SELECT count(*) FROM ledger.mt_event_progression WHERE name LIKE 'incidents:%'")).Should().BeGreaterThan(0);

        await SchemaMigrator.MigrateAsync(db.DataSource);

        (await db.ScalarAsync("SELECT count(*) FROM ledger.mt_event_progression WHERE name LIKE 'incidents:%'")).Should().Be(0, "the projection starts over");
        (await db.ScalarAsync("SELECT count(*) FROM projections.incidents")).Should().Be(0, "its tables were emptied for the replay");
        await using var store = new MartenEventStore(db.DataSource);
        await using var daemon = new ReadModelDaemon(store, [new IncidentProjection()],
            new ProjectionOptions { Mode = JasperFx.Events.Daemon.DaemonMode.Solo });
        await daemon.StartAsync();
        (await daemon.WaitForAsync(await store.HeadPositionAsync(), TimeSpan.FromSeconds(30))).Should().BeTrue();
        var page = await new IncidentQueries(db.DataSource).ListAsync(new IncidentListFilter { AsOfPosition = await store.HeadPositionAsync() }, null, 50);
        page.Incidents.Select(i => i.State.Id).Should().Contain("upgrade-a");
    }
}
