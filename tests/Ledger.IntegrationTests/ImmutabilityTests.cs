using Ledger.EventStore;
using Npgsql;

namespace Ledger.IntegrationTests;

public sealed class ImmutabilityTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly string _stream = "incident-" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        await using var store = new PostgresEventStore(db.DataSource);
        await store.AppendAsync(Events.Append(_stream, 0, Events.Make(), Events.Make()));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("UPDATE ledger.events SET data = '{\"n\":0}' WHERE stream_id = '{0}'")]
    [InlineData("UPDATE ledger.events SET recorded_by = 'someone-else'")]
    [InlineData("DELETE FROM ledger.events WHERE stream_id = '{0}' AND version = 2")]
    [InlineData("DELETE FROM ledger.events")]
    [InlineData("TRUNCATE ledger.events")]
    public async Task The_database_refuses_to_change_or_remove_stored_events(string sql)
    {
        var before = await db.ScalarAsync("SELECT count(*) FROM ledger.events");
        var act = () => db.ExecuteAsync(sql.Replace("{0}", _stream));
        (await act.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Contain("immutable");
        (await db.ScalarAsync("SELECT count(*) FROM ledger.events")).Should().Be(before);
        await using var store = new PostgresEventStore(db.DataSource);
        (await store.VerifyAsync()).Ok.Should().BeTrue();
    }
}
