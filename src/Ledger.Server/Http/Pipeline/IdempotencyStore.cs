using Ledger.EventStore;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Server.Http.Pipeline;

/// <summary>The answers kept per API key and Idempotency-Key (ledger.idempotency): a claim while the first request
/// runs, then its answer, replayed exactly to repeats.</summary>
public sealed class IdempotencyStore(NpgsqlDataSource db)
{
    /// <summary>The key's row: a 422 when it was used with another body, the stored answer, a claim in progress
    /// (status 0), or null when the key is new.</summary>
    public async Task<Reply?> FindAsync(string keyName, string idempotencyKey, byte[] hash, CancellationToken ct)
    {
        await using var cmd = Command("idempotency_find.sql", keyName, idempotencyKey);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        if (!r.GetFieldValue<byte[]>(0).AsSpan().SequenceEqual(hash))
            return Problems.Of(422, "Idempotency key reused", "this Idempotency-Key was already used with another request body", "Idempotency-Key", "idempotency-key-reused");
        return new Reply(r.GetInt32(1), r.IsDBNull(2) ? null : new RawJson(r.GetString(2)), r.IsDBNull(3) ? null : r.GetString(3),
            r.IsDBNull(4) ? null : long.Parse(r.GetString(4)), r.IsDBNull(5) ? null : r.GetInt64(5));
    }

    /// <summary>True when this request now owns the key.</summary>
    public async Task<bool> ClaimAsync(string keyName, string idempotencyKey, byte[] hash, CancellationToken ct)
    {
        await using var cmd = Command("idempotency_claim.sql", keyName, idempotencyKey);
        cmd.Parameters.AddWithValue("request_hash", hash);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    public async Task StoreAsync(string keyName, string idempotencyKey, Reply reply, CancellationToken ct)
    {
        await using var cmd = Command("idempotency_store.sql", keyName, idempotencyKey);
        cmd.Parameters.AddWithValue("status", reply.Status);
        cmd.Parameters.Add(new NpgsqlParameter("body", NpgsqlDbType.Text) { Value = (object?)reply.BodyJson ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("location", NpgsqlDbType.Text) { Value = (object?)reply.Location ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("etag", NpgsqlDbType.Text) { Value = (object?)reply.Version?.ToString() ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("position", NpgsqlDbType.Bigint) { Value = (object?)reply.Position ?? DBNull.Value });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Frees a claim whose command failed, for a retry.</summary>
    public async Task ReleaseAsync(string keyName, string idempotencyKey)
    {
        await using var cmd = Command("idempotency_release.sql", keyName, idempotencyKey);
        await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private NpgsqlCommand Command(string sqlFile, string keyName, string idempotencyKey)
    {
        var cmd = db.CreateCommand(SqlText.Get(sqlFile));
        cmd.Parameters.AddWithValue("key_name", keyName);
        cmd.Parameters.AddWithValue("idempotency_key", idempotencyKey);
        return cmd;
    }
}
