using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Playground;

/// <summary>
/// Certificate files for the demo: a DER .cer and its renewal (the same subject, expiring a year later), a PEM with two
/// certificates, a PFX and an expired one.
/// </summary>
internal static class DemoCertificates
{
    public const string PfxPassword = "playground";

    public static string WriteAll()
    {
        var directory = Path.Combine(Path.GetTempPath(), "codesigningcerts-playground");
        Directory.CreateDirectory(directory);
        using var contoso = Create("Contoso Line-of-Business Signing", -1, 365);
        using var contosoRenewed = Create("Contoso Line-of-Business Signing", -1, 730);
        using var fabrikam = Create("Fabrikam Apps Signing", -1, 730);
        using var tailspin = Create("Tailspin Toys Signing", -1, 200);
        using var litware = Create("Litware Packaging", -1, 500);
        using var expired = Create("Old Contoso Signing", -400, -5);
        File.WriteAllBytes(Path.Combine(directory, "contoso-signing.cer"), contoso.RawData);
        File.WriteAllBytes(Path.Combine(directory, "contoso-signing-renewed.cer"), contosoRenewed.RawData);
        File.WriteAllText(Path.Combine(directory, "partners.pem"), PemEncoding.WriteString("CERTIFICATE", fabrikam.RawData) + "\n" + PemEncoding.WriteString("CERTIFICATE", tailspin.RawData) + "\n");
        File.WriteAllBytes(Path.Combine(directory, "signer.pfx"), litware.Export(X509ContentType.Pfx, PfxPassword));
        File.WriteAllBytes(Path.Combine(directory, "expired.cer"), expired.RawData);
        return directory;
    }

    private static X509Certificate2 Create(string name, int startDays, int endDays)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + name + ", O=Demo, C=US", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.3") }, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(startDays), DateTimeOffset.UtcNow.AddDays(endDays));
    }
}
