using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CodeSigningCerts.Tests.Support;

/// <summary>Certificates made for each test: code-signing leaves and the kinds the checks must refuse.</summary>
public static class TestCertificates
{
    private const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>A valid code-signing certificate issued by a small test CA, with its private key.</summary>
    public static X509Certificate2 CodeSigning(string commonName = "Contoso Code Signing", int validDays = 365) =>
        Create(commonName, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(validDays), CodeSigningOid, isCa: false);

    public static X509Certificate2 Expired(string commonName = "Contoso Expired") =>
        Create(commonName, DateTimeOffset.UtcNow.AddDays(-400), DateTimeOffset.UtcNow.AddDays(-10), CodeSigningOid, isCa: false);

    public static X509Certificate2 ServerAuthOnly(string commonName = "www.contoso.com") =>
        Create(commonName, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(100), ServerAuthOid, isCa: false);

    public static X509Certificate2 CertificateAuthority(string commonName = "Contoso Root CA") =>
        Create(commonName, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(3650), eku: null, isCa: true);

    public static X509Certificate2 NotYetValid(string commonName = "Contoso Future") =>
        Create(commonName, DateTimeOffset.UtcNow.AddDays(10), DateTimeOffset.UtcNow.AddDays(400), CodeSigningOid, isCa: false);

    /// <summary>A certificate without an EKU extension (any use): the checks let it through.</summary>
    public static X509Certificate2 NoEnhancedKeyUsage(string commonName = "Contoso Any Use") =>
        Create(commonName, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(100), eku: null, isCa: false);

    // RSA-2048 key generation costs about a tenth of a second of CPU, and the suite makes hundreds of certificates: they
    // share one leaf key and one issuer key (certificates still differ by subject, dates and serial). A signer that must
    // be told apart from another certificate by its key (the signed samples) gets a key of its own.
    private static readonly object KeyGate = new();
    private static readonly RSA SharedKey = RSA.Create(2048);
    private static readonly RSA SharedIssuerKey = RSA.Create(2048);

    public static X509Certificate2 Create(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter, string? eku, bool isCa) =>
        Create(commonName, notBefore, notAfter, eku, isCa, ownKey: false);

    public static X509Certificate2 Create(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter, string? eku, bool isCa, bool ownKey)
    {
        using var own = ownKey ? RSA.Create(2048) : null;
        var key = own ?? SharedKey;
        lock (KeyGate)
        {
            var request = new CertificateRequest("CN=" + commonName + ", O=Contoso Ltd, C=US", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
            if (eku is not null)
            {
                request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(eku) }, false));
            }

            var issuerRequest = new CertificateRequest("CN=Contoso Test Issuing CA, O=Contoso Ltd, C=US", SharedIssuerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            issuerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var issuer = issuerRequest.CreateSelfSigned(notBefore.AddDays(-30), notAfter.AddDays(30));
            var serial = RandomNumberGenerator.GetBytes(12);
            serial[0] &= 0x7F;
            using var publicOnly = request.Create(issuer, notBefore, notAfter, serial);
            return publicOnly.CopyWithPrivateKey(key);
        }
    }

    public static byte[] Der(X509Certificate2 certificate) => certificate.RawData;

    public static string Pem(params X509Certificate2[] certificates)
    {
        var text = new StringBuilder();
        foreach (var certificate in certificates)
        {
            text.Append(PemEncoding.Write("CERTIFICATE", certificate.RawData)).Append('\n');
        }

        return text.ToString();
    }

    public static byte[] Pkcs7(params X509Certificate2[] certificates)
    {
        var collection = new X509Certificate2Collection();
        foreach (var certificate in certificates)
        {
            collection.Add(X509CertificateLoader.LoadCertificate(certificate.RawData));
        }

        return collection.Export(X509ContentType.Pkcs7)!;
    }

    public static byte[] Pfx(X509Certificate2 certificate, string password) => certificate.Export(X509ContentType.Pfx, password);

    /// <summary>The private key's PKCS#8 bytes, to prove they never appear in a request.</summary>
    public static byte[] PrivateKey(X509Certificate2 certificate) => certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKey();
}
