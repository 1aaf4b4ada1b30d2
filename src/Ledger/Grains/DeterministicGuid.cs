using System.Security.Cryptography;
using System.Text;

namespace Ledger.Grains;

/// <summary>RFC 9562 version-5 UUIDs: the same command always yields the same event ids, so that a
/// resubmitted append is recognised by the store.</summary>
public static class DeterministicGuid
{
    public static readonly Guid LedgerNamespace = new("5b0c7c1e-2f4e-4d8a-9a53-6c1f3b2d7e10");

    /// <summary>The id of the index-th event a command appends to a stream: the grain and the importer agree on it.</summary>
    public static Guid ForEvent(string streamId, string commandId, int index) => Create(LedgerNamespace, $"{streamId}/{commandId}/{index}");

    public static Guid Create(Guid ns, string name)
    {
        Span<byte> nsBytes = stackalloc byte[16];
        ns.TryWriteBytes(nsBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        nsBytes.CopyTo(input);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
