using Npgsql;

namespace Ledger.Projections;

/// <summary>
/// Each projection's tables, declared by the projection itself and applied at every start (idempotent). A
/// projection whose tables hold rows but which has no progress in Marten's daemon (tables written before the
/// daemon, or by an interrupted teardown) is emptied here, so the daemon replays it from the first event.
/// </summary>
public static class ProjectionSchema
{
    public static async Task ApplyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<ITableProjection> projections, CancellationToken ct)
    {
        // The checkpoints of the ledger's own projection runner, before Marten's daemon kept them.
        await Exec(conn, tx, "DROP TABLE IF EXISTS projections.checkpoints", ct);
        foreach (var p in projections) await Exec(conn, tx, p.TablesSql, ct);
        // Held to commit: a daemon's first page (which inserts its progress) waits, so it never lands between the
        // check and the truncation.
        await Exec(conn, tx, "LOCK TABLE ledger.mt_event_progression IN SHARE ROW EXCLUSIVE MODE", ct);
        foreach (var p in projections)
        {
            await using var cmd = new NpgsqlCommand(
                $"SELECT NOT EXISTS (SELECT 1 FROM ledger.mt_event_progression WHERE name = $1 OR name LIKE $1 || ':%') AND EXISTS (SELECT 1 FROM {p.Tables[0]})",
                conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter { Value = p.Name });
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!)
                await Exec(conn, tx, $"TRUNCATE {string.Join(", ", p.Tables)}", ct);
        }
    }

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
