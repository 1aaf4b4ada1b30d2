using Npgsql;

namespace Ledger.EventStore;

/// <summary>
/// Applies the embedded schema scripts at start, each once, in one transaction under an advisory lock,
/// so that several ledger nodes starting together neither race nor apply a script twice.
/// </summary>
public static class SchemaMigrator
{
    private const long MigrationLock = 0x4C45_4447_4552_0002; // "LEDGER" + 2

    /// <summary>Migrates as <paramref name="ownerConnection"/>'s role when one is given, then grants the role of
    /// <paramref name="db"/> (the one the ledger runs as) what it needs and nothing more; without one, migrates as
    /// <paramref name="db"/>'s own role, as a single-role development database does.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource db, string? ownerConnection, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(ownerConnection))
        {
            await MigrateAsync(db, ct);
            return;
        }
        await using var owner = NpgsqlDataSource.Create(ownerConnection);
        await MigrateAsync(owner, ct);
        db.Clear(); // the runtime role's sessions too take the settings the migration made
        var runtime = new NpgsqlConnectionStringBuilder(db.ConnectionString).Username;
        if (runtime is null || runtime == new NpgsqlConnectionStringBuilder(ownerConnection).Username) return;
        await using var grant = owner.CreateCommand("SELECT ledger.grant_runtime($1)");
        grant.Parameters.Add(new NpgsqlParameter { Value = runtime });
        await grant.ExecuteNonQueryAsync(ct);
    }

    public static async Task MigrateAsync(NpgsqlDataSource db, CancellationToken ct = default)
    {
        // A session lock around both steps: Marten's tables first (its own connections), then our scripts,
        // which refer to them. Nodes starting together wait for each other here.
        await using var session = await db.OpenConnectionAsync(ct);
        await Exec(session, null, $"SELECT pg_advisory_lock({MigrationLock})", ct);
        try
        {
            await RefuseEarlierStoreAsync(session, ct);
            await MartenEvents.CreateSchemaAsync(db, ct: ct);
            await ApplyScriptsAsync(session, ct);
            await RefuseMissingGuardsAsync(session, ct);
        }
        finally
        {
            if (session.State == System.Data.ConnectionState.Open)
                await Exec(session, null, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
        // Sessions opened before the migration lack the database settings it made (017: no JIT): open them anew.
        await session.CloseAsync();
        db.Clear();
    }

    /// <summary>A database written by the ledger's earlier, hand-written store (ledger.events as a table) is not
    /// migrated: no release used that store. Say so plainly instead of failing on a missing grant later.</summary>
    private static async Task RefuseEarlierStoreAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'ledger' AND c.relname = 'events' AND c.relkind = 'r')", conn);
        if ((bool)(await cmd.ExecuteScalarAsync(ct))!)
            throw new EarlierStoreException(
                $"database {conn.Database} holds the ledger's earlier event store (table ledger.events), which is not migrated to Marten's tables: " +
                "start from an empty database and import again (ops/pg start makes its own ledger database again)");
    }

    /// <summary>R_event_store.sql has just defined the guards on Marten's tables again; should one still not stand (a
    /// script out of step with this check, a Marten change that the script does not cover), the ledger does not run
    /// without it: nothing would refuse an update of an event, or an event put at a position already passed.</summary>
    private static async Task RefuseMissingGuardsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var missing = new List<string>();
        await using (var cmd = new NpgsqlCommand(SqlText.Get("guards_missing.sql"), conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) missing.Add(r.GetString(0));
        if (missing.Count > 0)
            throw new MissingGuardsException($"the event store's guards do not all stand after migrating: {string.Join(", ", missing)}; the ledger will not run without them");
    }

    private static async Task ApplyScriptsAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Exec(conn, tx, """
            CREATE SCHEMA IF NOT EXISTS ledger;
            CREATE TABLE IF NOT EXISTS ledger.schema_migrations (
                name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            """, ct);
        var applied = new HashSet<string>();
        await using (var cmd = new NpgsqlCommand("SELECT name FROM ledger.schema_migrations", conn, tx))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
        // Read models first: later scripts (the runtime role's grants) cover their tables.
        await Projections.ProjectionSchema.ApplyAsync(conn, tx, Projections.LedgerProjections.All(), ct);

        foreach (var (name, sql) in SqlText.Scripts("/Sql/Schema/"))
        {
            // R_ scripts are repeatable (idempotent definitions such as the runtime role's grants): they run at every
            // start, after the numbered ones, so a database made before a change gets it too.
            if (name.StartsWith("R_", StringComparison.Ordinal))
            {
                await Exec(conn, tx, sql, ct);
                continue;
            }
            if (applied.Contains(name)) continue;
            await Exec(conn, tx, sql, ct);
            await using var record = new NpgsqlCommand("INSERT INTO ledger.schema_migrations (name) VALUES ($1)", conn, tx);
            record.Parameters.Add(new NpgsqlParameter { Value = name });
            await record.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>The database holds the ledger's earlier event store, which is not migrated.</summary>
public sealed class EarlierStoreException(string message) : Exception(message);

/// <summary>A guard on Marten's tables (a trigger, the position allocation, the view) is missing after migrating.</summary>
public sealed class MissingGuardsException(string message) : Exception(message);
