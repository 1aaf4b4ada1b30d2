using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Ledger.Server.Hosting;

/// <summary>
/// The certificate the silos of one cluster share: each connection between silos is mutual TLS, and a silo accepts a
/// peer only if it presents this very certificate (pinned by thumbprint, so no certificate authority is involved). A
/// node without it cannot join, and an outside silo or Orleans client is refused at the handshake.
/// </summary>
public static class ClusterCertificate
{
    /// <summary>A new self-signed certificate for a cluster, valid for ten years, as PFX bytes (no password).</summary>
    public static byte[] Create(string clusterId = "ledger")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={clusterId}.ledger-cluster", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client authentication
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        return certificate.Export(X509ContentType.Pfx);
    }

    public static X509Certificate2 Load(string path, string? password) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);

    /// <summary>Mutual TLS on silo connections: both ends present the cluster's certificate, and each accepts exactly it.</summary>
    public static void Configure(TlsOptions tls, X509Certificate2 certificate)
    {
        tls.LocalCertificate = certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        var pinned = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        tls.RemoteCertificateValidation = (remote, _, _) =>
            string.Equals(remote.GetCertHashString(HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase);
        tls.OnAuthenticateAsClient = (_, client) => client.TargetHost = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }
}
