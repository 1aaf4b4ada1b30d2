using Ledger.EventStore;

namespace Ledger.IntegrationTests;

/// <summary>What the ledger adds to Marten's tables outlives a restart. Every start runs Marten's schema update,
/// which drops the indexes it does not know of: the recording-time index went at the second start, and reads as of
/// a time scanned every event from then on.</summary>
public sealed class RestartSchemaTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_node_started_again_keeps_the_recording_time_index_and_the_immutability_triggers()
    {
        // The fixture's migration was the first start; two more, as nodes restarted.
        await SchemaMigrator.MigrateAsync(db.DataSource);
        await SchemaMigrator.MigrateAsync(db.DataSource);

        (await db.ScalarAsync($"SELECT count(*) FROM pg_indexes WHERE schemaname = 'ledger' AND tablename = 'mt_events' AND indexname = '{MartenEvents.RecordingTimeIndex}'"))
            .Should().Be(1, "reads as of a time find their position through it");
        (await db.ScalarAsync("""
            SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal
              AND tgname IN ('events_immutable', 'events_no_truncate', 'streams_forward_only', 'streams_no_truncate')
            """)).Should().Be(4);
    }

    [Fact]
    public async Task A_ledger_that_lost_the_index_at_a_restart_gets_it_back()
    {
        // As a ledger restarted under the version before: the index dropped, and 016 not yet applied.
        await db.ExecuteAsync($"DROP INDEX ledger.{MartenEvents.RecordingTimeIndex}");
        await db.ExecuteAsync("DELETE FROM ledger.schema_migrations WHERE name LIKE '016%'");

        await SchemaMigrator.MigrateAsync(db.DataSource);

        (await db.ScalarAsync($"SELECT count(*) FROM pg_indexes WHERE schemaname = 'ledger' AND indexname = '{MartenEvents.RecordingTimeIndex}'")).Should().Be(1);
    }
}
