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

    /// <summary>Admin and editor keys given in the environment must carry at least this many bits: they can rewrite
    /// what the ledger says, so they must not be guessable even offline.</summary>
    public const int MinimumStrongKeyBits = 128;

    /// <summary>The key's strength as a guesser sees it: its length times the bits per character of the alphabets it
    /// draws from (digits, lower and upper case letters, other characters). A key that repeats few characters gets
    /// no credit for its length: "aaaa..." is one guess. An estimate from above for a random key, never from below.</summary>
    public static double EntropyBits(string key)
    {
        if (key.Length == 0) return 0;
        var pool = (key.Any(char.IsAsciiDigit) ? 10 : 0) + (key.Any(char.IsAsciiLetterLower) ? 26 : 0)
            + (key.Any(char.IsAsciiLetterUpper) ? 26 : 0) + (key.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 33 : 0);
        var distinct = key.Distinct().Count();
        return key.Length * Math.Log2(Math.Min(pool, Math.Max(2, distinct * 2)));
    }

    /// <summary>Refuses an admin or editor key weaker than <see cref="MinimumStrongKeyBits"/>, naming where it came from.</summary>
    public static ApiKey Strong(ApiKey key, string setting)
    {
        if (key.Role >= Role.Editor && EntropyBits(key.Secret) is var bits && bits < MinimumStrongKeyBits)
            throw new FormatException($"{setting}: the {key.Role.ToString().ToLowerInvariant()} key \"{key.Name}\" has about {bits:0} bits of entropy; "
                + $"admin and editor keys need {MinimumStrongKeyBits} or more (32 random characters: head -c 32 /dev/urandom | base64)");
        return key;
    }

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
