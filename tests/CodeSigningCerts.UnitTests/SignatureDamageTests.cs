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

    [Fact]
    public void A_damaged_signer_certificate_is_refused_before_the_file_is_hashed()
    {
        // A signer whose Enhanced Key Usage extension cannot be decoded (a SEQUENCE whose length runs past its end) signs
        // a script's SpcIndirectData: the file is refused for its signer whatever its digest, so it is never hashed.
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Contoso Damaged Apps, O=Contoso Ltd, C=US", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509Extension("2.5.29.37", new byte[] { 0x30, 0x0a, 0x06, 0x0b, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x03 }, false));
        using var damagedSigner = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365));
        var cms = new SignedCms(new ContentInfo(new Oid("1.3.6.1.4.1.311.2.1.4"), IndirectData(new byte[32])), detached: false);
        cms.ComputeSignature(new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, damagedSigner) { IncludeOption = X509IncludeOption.EndCertOnly });
        var block = string.Concat(Convert.ToBase64String(cms.Encode()).Chunk(64).Select(line => "# " + new string(line) + "\r\n"));
        var bytes = System.Text.Encoding.ASCII.GetBytes("Write-Output 'x'\r\n# SIG # Begin signature block\r\n" + block + "# SIG # End signature block\r\n");
        using var stream = new MemoryStream(bytes, writable: false);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // Hashing checks the token before every read: a cancelled token shows the file was refused unhashed.
        var ex = Assert.Throws<SignerCertificateDamagedException>(() => SignedFileInspection.Inspect("Damaged.ps1", stream, bytes[..4], 4 * 1024 * 1024, cancelled.Token));
        Assert.StartsWith("its Enhanced Key Usage extension (2.5.29.37) cannot be decoded", ex.Damage, StringComparison.Ordinal);
    }

    /// <summary>An SpcIndirectDataContent carrying <paramref name="sha256"/> as the file's SHA-256 digest.</summary>
    private static byte[] IndirectData(byte[] sha256)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.3.6.1.4.1.311.2.1.15");
            }

            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("2.16.840.1.101.3.4.2.1");
                    writer.WriteNull();
                }

                writer.WriteOctetString(sha256);
            }
        }

        return writer.Encode();
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
