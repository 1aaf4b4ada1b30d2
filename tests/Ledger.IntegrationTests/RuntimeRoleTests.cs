using Ledger.EventStore;
using Ledger.Projections;
using Npgsql;

namespace Ledger.IntegrationTests;

/// <summary>docs/CONTRACT.md §4: the ledger runs as a role that appends and reads events, and keeps its read models,
/// but cannot change or remove events, disable their triggers or set session_replication_role; an owner role
/// migrates the schema and grants it that, as ops/pg sets the private cluster up.</summary>
public sealed class RuntimeRoleTests(PostgresDatabase admin) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly string _name = admin.Name + "_roles";
    private string Owner => _name + "_owner";
    private string App => _name + "_app";
    private const string Password = "role-test-password-1";
    private string _appConnection = "";
    private string _ownerConnection = "";

    public async Task InitializeAsync()
    {
        foreach (var sql in new[]
        {
            $"CREATE ROLE {Owner} LOGIN PASSWORD '{Password}'", $"CREATE ROLE {App} LOGIN PASSWORD '{Password}'",
            $"CREATE DATABASE {_name} OWNER {Owner}", $"REVOKE CREATE, TEMPORARY ON DATABASE {_name} FROM PUBLIC",
        })
            await admin.ExecuteAsync(sql);
        var builder = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = _name, Password = Password };
        _ownerConnection = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Username = Owner }.ConnectionString;
        _appConnection = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Username = App }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", $"DROP ROLE IF EXISTS {App}", $"DROP ROLE IF EXISTS {Owner}" })
            await admin.ExecuteAsync(sql);
    }

    [Fact]
    public async Task The_runtime_role_appends_and_projects_but_cannot_rewrite_disable_or_replicate_around_the_events()
    {
        await using var app = NpgsqlDataSource.Create(_appConnection);
        // Without the owner the runtime role cannot even lay out the schema.
        (await FluentActions.Awaiting(() => SchemaMigrator.MigrateAsync(app)).Should().ThrowAsync<Exception>())
            .Which.GetBaseException().Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege);
        await SchemaMigrator.MigrateAsync(app, _ownerConnection);

        await using (var store = new MartenEventStore(app))
        {
            var stream = "note-" + Guid.NewGuid().ToString("N"); // a stream no projection reads: the events are the test's own
            await store.AppendAsync(Events.Append(stream, 0, Events.Make(), Events.Make()));
            (await store.ReadStreamAsync(stream)).Should().HaveCount(2);
            var runner = new ReadModelDaemon(store, LedgerProjections.All());
            await runner.CatchUpAsync();
            // Marten's catch-up can end without an error while a shard failed: the progress says whether it projected.
            var head = await store.HeadPositionAsync();
            (await runner.CheckpointsAsync()).Values.Should().AllSatisfy(p => p.Should().Be(head), "the runtime role projects");
            await runner.RebuildAsync(runner.Projections[0], null);
            (await runner.CheckpointsAsync())[runner.Projections[0].Name].Should().Be(head, "the runtime role rebuilds");
            (await store.VerifyAsync()).Ok.Should().BeTrue();
        }

        foreach (var sql in new[]
        {
            "UPDATE ledger.mt_events SET user_name = 'someone-else'",
            "DELETE FROM ledger.mt_events",
            "DELETE FROM ledger.mt_streams",
            "TRUNCATE ledger.mt_events",
            "ALTER TABLE ledger.mt_events DISABLE TRIGGER ALL",
            "ALTER TABLE ledger.mt_streams DISABLE TRIGGER ALL",
            "DROP TABLE ledger.mt_events",
            "SELECT setval('ledger.mt_events_sequence', 1)",
            // Positions come from allocate_positions only: a nextval of its own, or a position made up, would put an event
            // where the feed and Marten's daemon may have passed already.
            "SELECT nextval('ledger.mt_events_sequence')",
            "INSERT INTO ledger.mt_streams (id, version) VALUES ('made-up', 1) ON CONFLICT DO NOTHING; " + MadeUpEvent(1_000_000, "made-up"),
            "SELECT ledger.allocate_positions(1); INSERT INTO ledger.mt_streams (id, version) VALUES ('made-up-2', 1) ON CONFLICT DO NOTHING; "
                + MadeUpEvent(1_000_001, "made-up-2"),
            "SET session_replication_role = replica",
            "UPDATE ledger.mt_streams SET version = 1 WHERE false; ALTER TABLE ledger.mt_streams OWNER TO CURRENT_USER",
            "CREATE TABLE ledger.shadow (n int)",
        })
        {
            await using var cmd = app.CreateCommand(sql);
            var refused = await FluentActions.Awaiting(() => cmd.ExecuteNonQueryAsync()).Should().ThrowAsync<PostgresException>(sql);
            refused.Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege, sql);
        }
    }

    private static string MadeUpEvent(long position, string stream) =>
        "INSERT INTO ledger.mt_events (seq_id, id, stream_id, version, type, data, timestamp, user_name, headers) "
        + $"VALUES ({position}, gen_random_uuid(), '{stream}', 1, 'Noted', '{{}}', now(), 'x', '{{}}')";
}
