using System.Security.Cryptography;
using System.Text;

namespace Ledger.Server.Http;

/// <summary>Each role includes the ones before it.</summary>
public enum Role { Reader = 1, Reporter = 2, Editor = 3, Admin = 4 }

public sealed record ApiKey(string Name, Role Role, string Secret);

/// <summary>
/// The API keys this node accepts. Lookups hash the presented key and compare hashes in constant time,
/// so neither timing nor a log line ever carries a key.
/// </summary>
public sealed class ApiKeyRing
{
    private readonly List<(byte[] Hash, ApiKey Key)> _keys = [];

    public const int MinimumAdminKeyLength = 16;

    /// <summary>Names are unique: a key's name is who its events say recorded them and whose idempotent answers it
    /// replays, so a reporter key named "admin" would write as the admin.</summary>
    public ApiKeyRing(IEnumerable<ApiKey> keys)
    {
        foreach (var k in keys)
        {
            if (_keys.Any(x => x.Key.Name == k.Name)) throw new FormatException($"two API keys are named \"{k.Name}\"; each key needs a name of its own");
            _keys.Add((Hash(k.Secret), k));
        }
    }

    public int Count => _keys.Count;

    public ApiKey? Find(string presented)
    {
        var hash = Hash(presented);
        ApiKey? found = null;
        foreach (var (h, key) in _keys)
            if (CryptographicOperations.FixedTimeEquals(h, hash)) found = key; // no early exit
        return found;
    }

    /// <summary>Parses "name:role:key" entries separated by commas (LEDGER_API_KEYS).</summary>
    public static IEnumerable<ApiKey> Parse(string? list)
    {
        foreach (var entry in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':', 3);
            if (parts.Length != 3 || !Enum.TryParse<Role>(parts[1], ignoreCase: true, out var role) || parts[2].Length < 8 || !Slug.IsValid(parts[0]))
                throw new FormatException($"API key entry \"{parts[0]}:...\" must be name:role:key with a slug name, a role of reader, reporter, editor or admin, and a key of 8 characters or more");
            yield return new ApiKey(parts[0], role, parts[2]);
        }
    }

    private static byte[] Hash(string s) => SHA256.HashData(Encoding.UTF8.GetBytes(s));
}
