namespace CodeSigningCerts.UnitTests;

/// <summary>Self-signed certificates made for a test, and the entries Graph would hold for them.</summary>
internal static class MadeCertificates
{
    public const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";

    /// <summary>An expiry some months ahead, for certificates whose dates do not matter to a test.</summary>
    public static readonly DateTimeOffset Expiry = DateTimeOffset.UtcNow.AddDays(200);

    /// <summary>An RSA certificate with <paramref name="eku"/> and <paramref name="moreEkus"/> as its extended key usages (none when eku is null).</summary>
    public static X509Certificate2 Make(string subject, DateTimeOffset notAfter, string? eku = CodeSigningOid, bool isCa = false, DateTimeOffset? notBefore = null, IEnumerable<string>? moreEkus = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        if (eku is not null)
        {
            var usages = new OidCollection { new Oid(eku) };
            foreach (var more in moreEkus ?? [])
            {
                usages.Add(new Oid(more));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        }

        return request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter);
    }

    /// <summary>A code-signing certificate on a P-256 key: as good as RSA to the upload logic, and made in a millisecond, not a tenth of a second.</summary>
    public static X509Certificate2 Quick(string subject, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(CodeSigningOid) }, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), notAfter);
    }

    /// <summary>The entry Graph answers a read with: no content, names and expiry as they were uploaded (or as given).</summary>
    public static EnterpriseCodeSigningCertificate EntryFor(X509Certificate2 certificate, string id, string? subject = null, byte[]? content = null) =>
        new(id, CertificateStatus.NotProvisioned, subject ?? certificate.Subject, null, certificate.Issuer, null, new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), DateTimeOffset.UtcNow, content);
}
