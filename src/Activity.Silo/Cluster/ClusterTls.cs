using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Activity.Silo.Cluster;

/// <summary>
/// TLS on the silo-to-silo and gateway ports (<c>Microsoft.Orleans.Connections.Security</c>), when
/// <c>Activity:Cluster:Tls:CertificatePath</c> names a PKCS#12 file: one certificate that every silo and
/// every Orleans client of the cluster holds. Each side presents it and accepts only a peer that
/// presents the same one, so a process without it can neither join nor call grains; the traffic is
/// encrypted. Off by default (the ports are then for a private network only).
/// </summary>
internal static class ClusterTls
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Activity:Cluster:Tls";

    public static ISiloBuilder AddActivityTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        var path = configuration[$"{Section}:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return silo;
        }

        var certificate = Load(path, configuration[$"{Section}:CertificatePassword"]);
        silo.UseTls(certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            // The cluster's own certificate is the trust: self-signed is fine, a stranger's is not.
            tls.RemoteCertificateValidation = (remote, _, _) => remote.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span);
            tls.OnAuthenticateAsClient = (_, client) => client.TargetHost = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        });
        return silo;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{Section}:CertificatePath: '{path}' is not a PKCS#12 (.pfx) file that {Section}:CertificatePassword opens ({exception.GetType().Name}).", exception);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{Section}:CertificatePath: '{path}' holds no private key; the cluster's certificate needs one.");
    }
}
