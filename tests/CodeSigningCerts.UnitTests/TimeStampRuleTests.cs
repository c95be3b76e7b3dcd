using System.Security.Cryptography.Pkcs;
using CodeSigningCerts.Certificates.Signed;
using CodeSigningCerts.Certificates.Signed.Cms;

namespace CodeSigningCerts.UnitTests;

/// <summary>
/// The time that counts for a package's signer: a valid time-stamp's when it lies inside the signer's validity, now
/// otherwise, and now whatever the time-stamp when the signer carries Lifetime Signing. A time-stamp counts only when
/// its signature verifies over the signer's own signature value.
/// </summary>
public sealed class TimeStampRuleTests
{
    // Made once for the class: RSA key generation is most of these tests' time.
    private static readonly DateTime Now = DateTime.UtcNow;
    private static readonly X509Certificate2 Expired = MadeCertificates.Make("CN=Contoso Apps", DateTimeOffset.UtcNow.AddDays(-10), notBefore: DateTimeOffset.UtcNow.AddDays(-400));
    private static readonly X509Certificate2 Lifetime = MadeCertificates.Make("CN=Contoso Apps", DateTimeOffset.UtcNow.AddDays(30), notBefore: DateTimeOffset.UtcNow.AddDays(-30), moreEkus: ["1.3.6.1.4.1.311.10.3.13"]);
    private static readonly X509Certificate2 Authority = MadeCertificates.Make("CN=Contoso TSA", DateTimeOffset.UtcNow.AddDays(3650), "1.3.6.1.5.5.7.3.8", notBefore: DateTimeOffset.UtcNow.AddDays(-3650));

    [Fact]
    public void A_valid_time_stamp_inside_the_signers_validity_is_the_time_and_the_expired_signer_is_not_reported()
    {
        var stamped = Expired.NotAfter.ToUniversalTime().AddDays(-30);
        var signed = Signed(Expired, stamped);

        Assert.Equal(stamped, signed.Verification.TimeStamp!.Value, TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(PackageTrustProblem.SignerExpired, Evaluate(signed).Problems);
    }

    [Fact]
    public void A_time_stamp_after_the_signer_expired_does_not_count_and_the_reason_says_so()
    {
        var trust = Evaluate(Signed(Expired, Now.AddDays(-1)));

        Assert.Contains(PackageTrustProblem.SignerExpired, trust.Problems);
        Assert.Contains(trust.Reasons, r => r.Contains("lies outside the signer's validity", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_time_stamp_expiry_counts_as_today()
    {
        var signed = Signed(Expired, stampedAt: null);

        Assert.Null(signed.Verification.TimeStamp);
        var trust = Evaluate(signed);
        Assert.Contains(PackageTrustProblem.SignerExpired, trust.Problems);
        Assert.Contains(trust.Reasons, r => r.Contains("has no valid time-stamp", StringComparison.Ordinal));
    }

    [Fact]
    public void Lifetime_Signing_lets_the_signature_expire_with_its_certificate_whatever_the_time_stamp()
    {
        var stamped = Now.AddDays(-5);
        var signed = Signed(Lifetime, stamped);

        // Valid now: no expiry. Judged later than its NotAfter, the time-stamp does not save it.
        Assert.DoesNotContain(PackageTrustProblem.SignerExpired, Evaluate(signed).Problems);
        var later = PackageTrustCheck.Evaluate(signed, Array.Empty<EnterpriseCodeSigningCertificate>(), Lifetime.NotAfter.ToUniversalTime().AddDays(1));
        Assert.Contains(PackageTrustProblem.SignerExpired, later.Problems);
        Assert.Contains(later.Reasons, r => r.Contains("Lifetime Signing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_time_stamp_whose_signature_does_not_verify_is_no_time_stamp()
    {
        var stamped = Expired.NotAfter.ToUniversalTime().AddDays(-30);
        var pkcs7 = SignCms(Expired, stamped);
        var cms = new SignedCms();
        cms.Decode(pkcs7);
        var counter = cms.SignerInfos[0].CounterSignerInfos[0].GetSignature();

        // One byte of the time-stamp authority's signature changed.
        var forged = (byte[])pkcs7.Clone();
        var at = Bytes.IndexOf(forged, counter);
        Assert.True(at >= 0, "the time-stamp authority's signature is not in the encoding");
        forged[at + 7] ^= 0x01;
        var signedData = CmsSignedData.Read(forged);
        Assert.Null(TimeStamps.Find(signedData.Signer!, signedData.Certificates));

        // The untouched one counts.
        var original = CmsSignedData.Read(pkcs7);
        Assert.NotNull(TimeStamps.Find(original.Signer!, original.Certificates));
    }

    private PackageTrust Evaluate(SignedFile signed) => PackageTrustCheck.Evaluate(signed, Array.Empty<EnterpriseCodeSigningCertificate>(), Now);

    private SignedFile Signed(X509Certificate2 signer, DateTime? stampedAt)
    {
        var signedData = CmsSignedData.Read(SignCms(signer, stampedAt));
        var certificate = Pkcs7Signer.Find(signedData);
        var verification = SignedFileVerifier.Verify(signedData, certificate, fileDigest: null, isCatalog: true);
        Assert.True(verification.Verified, verification.Reason);
        return new SignedFile("Contoso.cat", SignedFileKind.Catalog, certificate, certificate.Subject, verification);
    }

    private byte[] SignCms(X509Certificate2 signer, DateTime? stampedAt)
    {
        var cms = new SignedCms(new ContentInfo(new Oid("1.3.6.1.4.1.311.10.1"), new byte[] { 0x30, 0x00 }), detached: false);
        cms.ComputeSignature(new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer) { IncludeOption = X509IncludeOption.EndCertOnly });
        if (stampedAt is { } time)
        {
            var stamper = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Authority) { IncludeOption = X509IncludeOption.EndCertOnly };
            stamper.SignedAttributes.Add(new Pkcs9SigningTime(time));
            cms.SignerInfos[0].ComputeCounterSignature(stamper);
        }

        return cms.Encode();
    }
}
