using System.Buffers.Binary;
using System.Security.Cryptography;
using Npgsql;

namespace Ledger.EventStore;

/// <summary>
/// A chain over the global order: each link is SHA-256(previous link || position || the event's own hash). The
/// per-stream chain covers an event's content and its place in its stream; this one covers which events exist
/// and in what order, so that a deleted, inserted or reordered event changes every link after it. It is worked
/// out in position order when asked (a checkpoint, a verify), never stored where the database's owner could
/// recompute it to match.
/// </summary>
public static class PositionChain
{
    public static readonly byte[] Genesis = new byte[32];

    public sealed record Link(long Position, long Events, byte[] Hash, DateTimeOffset? RecordedAt);

    public static byte[] Next(byte[] previous, long position, ReadOnlySpan<byte> eventHash)
    {
        Span<byte> input = stackalloc byte[32 + 8 + 32];
        previous.CopyTo(input);
        BinaryPrimitives.WriteInt64BigEndian(input[32..], position);
        // An event without a readable hash header still moves the chain: its missing hash is all zeros.
        if (eventHash.Length == 32) eventHash.CopyTo(input[40..]);
        return SHA256.HashData(input);
    }

    /// <summary>The chain's last link at <paramref name="position"/> (every event up to it).</summary>
    public static async Task<Link> AtAsync(NpgsqlDataSource db, long position, CancellationToken ct = default)
    {
        var link = Genesis;
        long events = 0, last = 0;
        DateTimeOffset? at = null;
        await using var cmd = db.CreateCommand(SqlText.Get("position_chain.sql"));
        cmd.Parameters.Add(new NpgsqlParameter { Value = position });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            last = r.GetInt64(0);
            link = Next(link, last, r.IsDBNull(1) ? [] : r.GetFieldValue<byte[]>(1));
            at = r.GetFieldValue<DateTimeOffset>(2);
            events++;
        }
        return new Link(position, events, link, last == position ? at : null);
    }
}
