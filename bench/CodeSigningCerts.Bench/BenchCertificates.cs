using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Bench;

/// <summary>
/// Cheap, valid code-signing certificates (Code Signing EKU, not a CA, valid now): a few keys sign
/// many certificates, so making them costs little. Their making is never inside a measurement.
/// </summary>
internal static class BenchCertificates
{
    private const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";

    /// <summary>DER bytes of <paramref name="count"/> distinct certificates. RSA 2048 (the usual, about 800 bytes) or ECDSA P-256 (faster to make).</summary>
    public static List<byte[]> CreateDer(int count, bool rsa, string label)
    {
        const int keyCount = 4;
        var keys = new AsymmetricAlgorithm[keyCount];
        var generators = new X509SignatureGenerator[keyCount];
        for (var k = 0; k < keyCount; k++)
        {
            if (rsa)
            {
                var key = RSA.Create(2048);
                keys[k] = key;
                generators[k] = X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1);
            }
            else
            {
                var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                keys[k] = key;
                generators[k] = X509SignatureGenerator.CreateForECDsa(key);
            }
        }

        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(365);
        var issuer = new X500DistinguishedName("CN=CodeSigningCerts Bench Issuer, O=Bench");
        var result = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var k = i % keyCount;
            var subject = new X500DistinguishedName($"CN=Bench {label} Signing {i:D5}, O=CodeSigningCerts Bench, C=US");
            var request = rsa
                ? new CertificateRequest(subject, (RSA)keys[k], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                : new CertificateRequest(subject, (ECDsa)keys[k], HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(CodeSigningOid) }, false));
            var serial = BitConverter.GetBytes(i + 1);
            Array.Reverse(serial);
            using var certificate = request.Create(issuer, generators[k], notBefore, notAfter, serial);
            result.Add(certificate.RawData);
        }

        foreach (var key in keys)
        {
            key.Dispose();
        }

        return result;
    }

    public static X509Certificate2 Load(byte[] der) => X509CertificateLoader.LoadCertificate(der);
}
