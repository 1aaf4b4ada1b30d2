using System.Security.Cryptography;
using System.Text.Json;
using Ledger.EventStore;
using Ledger.Serialization;
using Npgsql;

namespace Ledger.Releases;

/// <summary>Checkpoints signed on a schedule: each says what the log held at the head when it was signed. Published
/// (GET /api/checkpoints) and kept by auditors, they catch a later rewrite by whoever owns the database.</summary>
public sealed class CheckpointLog(NpgsqlDataSource db)
{
    /// <summary>Signs the head unless the newest checkpoint already covers it; the checkpoint made, or null.</summary>
    public async Task<Checkpoint?> SignHeadAsync(ECDsa key, CancellationToken ct = default)
    {
        var head = await EventFeed.HeadAsync(db, ct);
        if (head == 0 || (await ListAsync(1, ct)) is [var newest] && newest.Position >= head) return null;
        var checkpoint = Checkpoint.Sign(await PositionChain.AtAsync(db, head, ct), key, DateTimeOffset.UtcNow);
        await using var cmd = db.CreateCommand(SqlText.Get("checkpoint_insert.sql"));
        cmd.Parameters.AddWithValue("position", checkpoint.Position);
        cmd.Parameters.AddWithValue("signed_at", checkpoint.SignedAt);
        cmd.Parameters.AddWithValue("checkpoint", JsonSerializer.Serialize(checkpoint, LedgerJson.Options));
        await cmd.ExecuteNonQueryAsync(ct);
        return checkpoint;
    }

    /// <summary>The newest checkpoints first.</summary>
    public async Task<IReadOnlyList<Checkpoint>> ListAsync(int limit, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("checkpoint_list.sql"));
        cmd.Parameters.AddWithValue("limit", limit);
        var list = new List<Checkpoint>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(JsonSerializer.Deserialize<Checkpoint>(r.GetString(0), LedgerJson.Options)!);
        return list;
    }
}
