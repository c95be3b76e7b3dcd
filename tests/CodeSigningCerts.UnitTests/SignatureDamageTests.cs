using System.Security.Cryptography.Pkcs;
using CodeSigningCerts.Certificates.Signed;
using CodeSigningCerts.Certificates.Signed.Cms;

namespace CodeSigningCerts.UnitTests;

/// <summary>
/// The signature reader over every truncation and every flipped byte of a real signature: each either still finds the
/// signer or ends in the one exception the cmdlets turn into SignedFileSignatureDamaged, never another one (which would
/// surface as an unexplained error) and never another certificate taken for the signer.
/// </summary>
public sealed class SignatureDamageTests : IDisposable
{
    private readonly X509Certificate2 _signer = Create("CN=Contoso Apps, O=Contoso Ltd, C=US", "1.3.6.1.5.5.7.3.3");
    private readonly X509Certificate2 _timeStamper = Create("CN=Contoso Time-Stamp Authority", "1.3.6.1.5.5.7.3.8");

    public void Dispose()
    {
        _signer.Dispose();
        _timeStamper.Dispose();
    }

    [Fact]
    public void The_signer_is_found_by_issuer_and_serial_and_by_key_identifier_not_the_time_stamp_authority()
    {
        foreach (var byKeyIdentifier in new[] { false, true })
        {
            using var signer = Pkcs7Signer.Find(Sign(new byte[] { 9 }, byKeyIdentifier));
            Assert.Equal(_signer.Thumbprint, signer.Thumbprint);
        }
    }

    [Fact]
    public void A_certificate_bundle_without_a_signer_is_damage_not_its_first_certificate()
    {
        var bundle = new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(_timeStamper.RawData), X509CertificateLoader.LoadCertificate(_signer.RawData) }.Export(X509ContentType.Pkcs7)!;

        var ex = Assert.Throws<SignatureFormatException>(() => Pkcs7Signer.Find(bundle));
        Assert.Equal("it names no signer", ex.Message);
    }

    private byte[] Sign(byte[] content, bool byKeyIdentifier)
    {
        var cms = new SignedCms(new ContentInfo(new Oid("1.3.6.1.4.1.311.2.1.4"), content), detached: false);
        // The set carries the time-stamp authority's certificate beside the signer's (DER sorts a SET OF, so their
        // order is the encodings', not the signer's choice: the reader must pick by identifier).
        var identifier = byKeyIdentifier ? SubjectIdentifierType.SubjectKeyIdentifier : SubjectIdentifierType.IssuerAndSerialNumber;
        var signer = new CmsSigner(identifier, _signer) { IncludeOption = X509IncludeOption.EndCertOnly };
        signer.Certificates.Add(X509CertificateLoader.LoadCertificate(_timeStamper.RawData));
        cms.ComputeSignature(signer);
        cms.SignerInfos[0].ComputeCounterSignature(new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, _timeStamper) { IncludeOption = X509IncludeOption.EndCertOnly });
        return cms.Encode();
    }

    private static X509Certificate2 Create(string subject, string eku)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(eku) }, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365));
    }

    [Fact]
    public void Every_truncation_is_damage()
    {
        var signature = Sign(new byte[] { 1, 2, 3 }, byKeyIdentifier: false);

        for (var length = 0; length < signature.Length; length++)
        {
            Assert.Throws<SignatureFormatException>(() => Pkcs7Signer.Find(signature[..length]));
        }

        using var whole = Pkcs7Signer.Find(signature);
        Assert.Equal(_signer.Thumbprint, whole.Thumbprint);
    }

    [Fact]
    public void Every_flipped_byte_gives_the_signers_key_or_damage_never_another_certificate()
    {
        var signature = Sign(new byte[] { 1, 2, 3 }, byKeyIdentifier: true);
        var found = 0;

        for (var i = 0; i < signature.Length; i++)
        {
            var damaged = (byte[])signature.Clone();
            damaged[i] ^= 0x41;
            X509Certificate2 signer;
            try
            {
                signer = Pkcs7Signer.Find(damaged);
            }
            catch (SignatureFormatException)
            {
                continue;
            }

            using (signer)
            {
                // A flip inside the signer's own certificate, outside its key, leaves a damaged copy of it that the key
                // identifier still names: what is returned is always the signer's key, never the time-stamp authority's.
                Assert.Equal(_signer.PublicKey.EncodedKeyValue.RawData, signer.PublicKey.EncodedKeyValue.RawData);
                found++;
            }
        }

        Assert.True(found > 0, "Flips outside what the reader reads (the signature value, the attributes) leave the signer found.");
    }
}
