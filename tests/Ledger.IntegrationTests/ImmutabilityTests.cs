using Ledger.EventStore;
using Npgsql;

namespace Ledger.IntegrationTests;

public sealed class ImmutabilityTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly string _stream = "incident-" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        await using var store = new MartenEventStore(db.DataSource);
        await store.AppendAsync(Events.Append(_stream, 0, Events.Make(), Events.Make()));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("UPDATE ledger.mt_events SET data = '{\"n\":0}' WHERE stream_id = '{0}'")]
    [InlineData("UPDATE ledger.mt_events SET user_name = 'someone-else'")]
    [InlineData("UPDATE ledger.mt_events SET is_archived = true WHERE stream_id = '{0}'")]
    [InlineData("SELECT ledger.mt_archive_stream('{0}')")]
    [InlineData("DELETE FROM ledger.mt_events WHERE stream_id = '{0}' AND version = 2")]
    [InlineData("DELETE FROM ledger.mt_events")]
    [InlineData("DELETE FROM ledger.mt_streams WHERE id = '{0}'")]
    [InlineData("UPDATE ledger.mt_streams SET version = 1 WHERE id = '{0}'")]
    [InlineData("TRUNCATE ledger.mt_events")]
    [InlineData("TRUNCATE ledger.mt_streams CASCADE")]
    public async Task The_database_refuses_to_change_or_remove_stored_events(string sql)
    {
        var before = await db.ScalarAsync("SELECT count(*) FROM ledger.events");
        var act = () => db.ExecuteAsync(sql.Replace("{0}", _stream));
        (await act.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().MatchRegex("immutable|only move forward");
        (await db.ScalarAsync("SELECT count(*) FROM ledger.events")).Should().Be(before);
        await using var store = new MartenEventStore(db.DataSource);
        (await store.VerifyAsync()).Ok.Should().BeTrue();
    }
}
