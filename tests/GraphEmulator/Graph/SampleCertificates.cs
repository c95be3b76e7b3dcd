using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GraphEmulator.Graph;

/// <summary>A few self-signed code-signing certificates to start a hand-run emulator with something to list.</summary>
internal static class SampleCertificates
{
    public static void Seed(CertificateStore store)
    {
        store.Add(Create("Contoso LOB Signing 2025", TimeSpan.FromDays(365)), "provisioned", DateTimeOffset.UtcNow.AddDays(-30));
        store.Add(Create("Contoso LOB Signing 2026", TimeSpan.FromDays(730)));
        store.Add(Create("Fabrikam Expired Signing", TimeSpan.FromDays(-1)), "provisioned", DateTimeOffset.UtcNow.AddDays(-400));
    }

    private static X509Certificate2 Create(string commonName, TimeSpan lifetime)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=Contoso", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], critical: false));
        var notBefore = DateTimeOffset.UtcNow.AddDays(-400);
        using var withKey = request.CreateSelfSigned(notBefore, DateTimeOffset.UtcNow + lifetime);
        return X509CertificateLoader.LoadCertificate(withKey.RawData);
    }
}
