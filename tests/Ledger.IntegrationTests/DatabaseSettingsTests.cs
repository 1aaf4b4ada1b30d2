namespace Ledger.IntegrationTests;

/// <summary>The ledger's sessions run without JIT compilation (migration 017): on 2 cores compiling an 8 ms as-of
/// tally's plan took 0.3 to 2.5 s, and plan costs grow with the ledger toward the cost at which PostgreSQL compiles.</summary>
public sealed class DatabaseSettingsTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_session_on_a_migrated_ledger_compiles_no_plan()
    {
        await using var fresh = db.NewDataSource();
        await using var cmd = fresh.CreateCommand("SELECT current_setting('jit')");
        ((string)(await cmd.ExecuteScalarAsync())!).Should().Be("off");
    }
}
