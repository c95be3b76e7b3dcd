using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Tests.Support;

/// <summary>
/// Hundreds of distinct code-signing certificates, fast: P-256 keys (a millisecond each, where RSA-2048
/// takes tens) under one shared issuer, public part only, as the certificate store hands them out.
/// </summary>
public static class CertificateBatch
{
    private const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";

    public static X509Certificate2[] CodeSigning(int count, string commonNamePrefix)
    {
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(365);
        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issuerRequest = new CertificateRequest("CN=Contoso Batch Issuing CA, O=Contoso Ltd, C=US", issuerKey, HashAlgorithmName.SHA256);
        issuerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var issuer = issuerRequest.CreateSelfSigned(notBefore.AddDays(-30), notAfter.AddDays(30));
        var certificates = new X509Certificate2[count];
        for (var i = 0; i < count; i++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var name = string.Format(CultureInfo.InvariantCulture, "CN={0} {1:D3}, O=Contoso Ltd, C=US", commonNamePrefix, i);
            var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(CodeSigningOid) }, false));
            var serial = RandomNumberGenerator.GetBytes(12);
            serial[0] &= 0x7F;
            certificates[i] = request.Create(issuer, notBefore, notAfter, serial);
        }

        return certificates;
    }
}
