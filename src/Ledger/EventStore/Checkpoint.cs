using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.EventStore;

/// <summary>
/// A signed statement of what the ledger held at a position: the number of events and the last link of the
/// position chain. The key stays outside the database (a PEM file), so that whoever owns the database can
/// rewrite events, and their hashes, but cannot make the ledger match a checkpoint published before. Publishing
/// checkpoints (or a release's) lets anyone audit the log, as Certificate Transparency does for certificates.
/// </summary>
public sealed record Checkpoint(long Position, long Events, string Chain, DateTimeOffset? RecordedAt, DateTimeOffset SignedAt,
    string PublicKey, string Signature)
{
    public const string Format = "incident-ledger-checkpoint/1";

    /// <summary>The exact bytes signed: one field a line, fixed formats.</summary>
    public static byte[] Payload(long position, long events, string chain, DateTimeOffset? recordedAt, DateTimeOffset signedAt) =>
        Encoding.UTF8.GetBytes(string.Join('\n', Format, position.ToString(CultureInfo.InvariantCulture),
            events.ToString(CultureInfo.InvariantCulture), chain, recordedAt is { } t ? EventHash.FormatTime(t) : "-", EventHash.FormatTime(signedAt)));

    public static Checkpoint Sign(PositionChain.Link link, ECDsa key, DateTimeOffset now)
    {
        var chain = Convert.ToHexStringLower(link.Hash);
        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        var signature = key.SignData(Payload(link.Position, link.Events, chain, link.RecordedAt, signedAt), HashAlgorithmName.SHA256);
        return new Checkpoint(link.Position, link.Events, chain, link.RecordedAt, signedAt,
            Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), Convert.ToBase64String(signature));
    }

    /// <summary>Whether <paramref name="publicKey"/> signed exactly these fields (the checkpoint's own key when none is
    /// given, which only proves the file is whole: trust comes from the key the ledger published).</summary>
    public bool IsSignedBy(ECDsa? publicKey = null)
    {
        using var own = ECDsa.Create();
        var key = publicKey;
        if (key is null)
        {
            own.ImportSubjectPublicKeyInfo(Convert.FromBase64String(PublicKey), out _);
            key = own;
        }
        try
        {
            return key.VerifyData(Payload(Position, Events, Chain, RecordedAt, SignedAt), Convert.FromBase64String(Signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException) { return false; }
    }

    /// <summary>What the ledger holds now at the checkpoint's position, against what was signed.</summary>
    public string? Mismatch(PositionChain.Link now) =>
        now.Events != Events ? $"{Events:N0} events were signed up to position {Position:N0}; the ledger now holds {now.Events:N0} there"
        : Convert.ToHexStringLower(now.Hash) != Chain ? $"the events up to position {Position:N0} are not the ones signed: an event was rewritten, moved or replaced"
        : null;

    /// <summary>A checkpoint key (private, to sign) or a published one (public, to check) from a PEM file;
    /// <see cref="FormatException"/> says in one line why a file is not one.</summary>
    public static ECDsa LoadKey(string path, string what)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new FormatException($"{what} {path} is not a PEM key: {ex.Message}");
        }
    }

    /// <summary>A new P-256 key pair for signing checkpoints, as PKCS#8 (private) and SubjectPublicKeyInfo (public) PEM.</summary>
    public static (string PrivatePem, string PublicPem) NewKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }
}
