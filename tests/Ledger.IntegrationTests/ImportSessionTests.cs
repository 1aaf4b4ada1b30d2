using Ledger.EventStore;
using Ledger.Incidents;
using Ledger.Projections;
using Ledger.Import;
using Ledger.Regions;
using Ledger.Server.Cli;

namespace Ledger.IntegrationTests;

/// <summary>The import writes one chunk while it decides the next: nothing lost, nothing twice, nothing decided on a
/// stream that changed under it.</summary>
public sealed class ImportSessionTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Chunks_written_in_the_background_store_every_event_once_in_order_and_a_rerun_adds_nothing()
    {
        var store = new MartenEventStore(db.DataSource);
        await GazetteerSeeding.EnsureAsync(store);
        async Task<ImportReport> Import()
        {
            var session = new ImportSession(store, "sample");
            // Three events a chunk: most lines are decided while the chunk before them is being written.
            return await new Importer(session, await ImportNames.LoadAsync(session, new RegionDirectory(db.DataSource)), chunkEvents: 3)
                .RunAsync(SampleData.Open(), allOrNothing: false);
        }

        var first = await Import();
        first.Error.Should().BeNull();
        first.Applied.Should().Be(39);
        first.Events.Should().BeGreaterThan(39).And.Be(await db.ScalarAsync("SELECT count(*) FROM ledger.events WHERE correlation_id = 'import'"));
        (await db.ScalarAsync("""
            SELECT count(*) FROM (SELECT stream_id, version, row_number() OVER (PARTITION BY stream_id ORDER BY position) AS n FROM ledger.events) e
            WHERE version <> n
            """)).Should().Be(0, "every stream's versions follow its positions without a gap");
        (await store.VerifyAsync()).Ok.Should().BeTrue();

        var second = await Import();
        (second.Applied, second.Duplicates, second.Events).Should().Be((0, 39, 0L));
        (await db.ScalarAsync("SELECT count(*) FROM ledger.events WHERE correlation_id = 'import'")).Should().Be(first.Events);
    }

    [Fact]
    public async Task A_stream_changed_under_a_background_chunk_stops_the_import_and_nothing_decided_after_it_lands()
    {
        var store = new MartenEventStore(db.DataSource);
        var (a, b) = ("bg-" + Guid.NewGuid().ToString("N")[..8], "bg-" + Guid.NewGuid().ToString("N")[..8]);
        var session = new ImportSession(store, "importer");
        (await session.IncidentAsync("line-1", LedgerNode.Report(a), a)).Status.Should().Be(ImportStatus.Applied);

        // Another writer reports the same incident first, so the chunk holding line 1 meets version 1, not 0.
        var other = new ImportSession(store, "elsewhere");
        await other.IncidentAsync("elsewhere-1", LedgerNode.Report(a), a);
        await other.FlushAsync();

        (await session.FlushInBackgroundAsync()).Should().Be(0);
        await session.IncidentAsync("line-2", LedgerNode.Report(b), b); // decided while the chunk is in flight
        await FluentActions.Awaiting(() => session.FlushAsync()).Should().ThrowAsync<ImportConflictException>();

        (await store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(a))).Select(e => e.CausationId).Should().Equal("elsewhere-1");
        (await store.ReadStreamAsync(IncidentDecider.Kind.StreamFor(b))).Should().BeEmpty("line 2 was decided on what the failed chunk assumed");
        (await session.FlushAsync()).Should().Be(0);
    }
}
