using System.Security.Cryptography;
using System.Text.Json;
using Ledger.EventStore;
using Ledger.Projections;
using Ledger.Serialization;
using Npgsql;

namespace Ledger.Releases;

/// <summary>Names points of the log and finds them again. With a checkpoint key (kept outside the database),
/// each release carries a signed checkpoint of what the log held at its position.</summary>
public sealed class ReleaseBook(NpgsqlDataSource db, ECDsa? checkpointKey = null)
{
    /// <summary>Names <paramref name="position"/> (the head when null); a position not reached yet is refused.</summary>
    public async Task<Release> CreateAsync(string name, long? position, string? note, string createdBy, CancellationToken ct = default)
    {
        var head = await EventFeed.HeadAsync(db, ct);
        var at = position ?? head;
        if (at > head) throw new PositionBeyondHeadException(at, head, "position");
        var checkpoint = checkpointKey is null ? null
            : Checkpoint.Sign(await PositionChain.AtAsync(db, at, ct), checkpointKey, DateTimeOffset.UtcNow);
        await using var cmd = db.CreateCommand(SqlText.Get("release_insert.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        cmd.Parameters.Add(new NpgsqlParameter { Value = at });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)note ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = createdBy });
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = checkpoint is null ? DBNull.Value : JsonSerializer.Serialize(checkpoint, LedgerJson.Options), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text,
        });
        return (await ReadAsync(cmd, ct)).SingleOrDefault() ?? throw new ReleaseExistsException(name);
    }

    public async Task<Release?> FindAsync(string name, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("release_get.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        return (await ReadAsync(cmd, ct)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<Release>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(SqlText.Get("release_list.sql"));
        return await ReadAsync(cmd, ct);
    }

    private static async Task<List<Release>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var releases = new List<Release>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            releases.Add(new Release(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetString(5),
                r.IsDBNull(6) ? null : JsonSerializer.Deserialize<Checkpoint>(r.GetString(6), LedgerJson.Options)));
        return releases;
    }
}
