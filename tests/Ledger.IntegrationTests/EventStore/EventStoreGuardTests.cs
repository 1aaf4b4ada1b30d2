using Ledger.EventStore;

namespace Ledger.IntegrationTests.EventStore;

/// <summary>The guards on Marten's tables (triggers, the position allocation, the view, the recording-time index) are
/// defined again at every start, so that a Marten schema change that rebuilds <c>mt_events</c> cannot leave the
/// ledger without them, and start-up checks that each stands.</summary>
[Trait("Category", "MartenFence")]
public sealed class EventStoreGuardTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private const string Missing = "SELECT count(*) FROM (" + "{0}" + ") missing";

    private async Task<long> MissingGuards() =>
        await db.ScalarAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, Missing, SqlText.Get("guards_missing.sql")));

    [Theory]
    [InlineData("DROP TRIGGER events_immutable ON ledger.mt_events")]
    [InlineData("DROP TRIGGER events_allocated ON ledger.mt_events")]
    [InlineData("ALTER TABLE ledger.mt_events DISABLE TRIGGER events_no_truncate")]
    [InlineData("DROP TRIGGER streams_forward_only ON ledger.mt_streams")]
    [InlineData("DROP VIEW ledger.events")]
    [InlineData("DROP INDEX ledger.mt_events_timestamp_seq_idx")]
    [InlineData("DROP FUNCTION ledger.lock_streams(text[])")]
    public async Task A_guard_dropped_by_a_schema_change_stands_again_after_the_next_start(string drop)
    {
        (await MissingGuards()).Should().Be(0);
        await db.ExecuteAsync(drop);
        (await MissingGuards()).Should().Be(1, "the check sees what was dropped");
        await SchemaMigrator.MigrateAsync(db.DataSource);
        (await MissingGuards()).Should().Be(0, "the start defined it again");
    }

    [Fact]
    public async Task An_update_of_an_event_is_refused_again_after_its_trigger_was_dropped_and_the_ledger_restarted()
    {
        await using var store = new MartenEventStore(db.DataSource);
        var stream = "guarded-" + Guid.NewGuid().ToString("N");
        await store.AppendAsync(Events.Append(stream, 0, Events.Make()));
        await db.ExecuteAsync("DROP TRIGGER events_immutable ON ledger.mt_events");
        await SchemaMigrator.MigrateAsync(db.DataSource);
        var update = () => db.ExecuteAsync($"UPDATE ledger.mt_events SET user_name = 'someone' WHERE stream_id = '{stream}'");
        (await update.Should().ThrowAsync<Npgsql.PostgresException>()).Which.SqlState.Should().Be(Npgsql.PostgresErrorCodes.InsufficientPrivilege);
    }
}
