using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Packages;

/// <summary>
/// Signed files made the way the real tools make them, signed with test certificates: MSIX/APPX packages and a bundle
/// (a zip whose AppxSignature.p7x is "PKCX" and a PKCS#7 SignedData), a PE file with a WIN_CERTIFICATE in its security
/// directory, PowerShell files with a signature block, a catalog; and the unsigned and damaged kinds. Every signature
/// carries a timestamp countersignature whose authority's certificate is in the certificates set too, so a reader that
/// took any certificate but the signer's would be caught. Written once per test class (see <see cref="SignedSamplesFixture"/>).
/// </summary>
public sealed class SignedSamples : IDisposable
{
    public const string Publisher = "CN=Contoso Apps, O=Contoso Ltd, C=US";
    private const string TimeStampingOid = "1.3.6.1.5.5.7.3.8";

    private readonly TempDirectory _directory = new TempDirectory();

    public SignedSamples()
    {
        Signer = TestCertificates.Create("Contoso Apps", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365), "1.3.6.1.5.5.7.3.3", isCa: false, ownKey: true);
        OtherSigner = TestCertificates.Create("Contoso Other Apps", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365), "1.3.6.1.5.5.7.3.3", isCa: false, ownKey: true);
        ExpiredSigner = TestCertificates.Create("Contoso Apps", DateTimeOffset.UtcNow.AddDays(-400), DateTimeOffset.UtcNow.AddDays(-10), "1.3.6.1.5.5.7.3.3", isCa: false, ownKey: true);
        TimeStamper = TestCertificates.Create("Contoso Time-Stamp Authority", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(3650), TimeStampingOid, isCa: false, ownKey: true);
        DamagedSigner = SignerWithUndecodableEnhancedKeyUsage();

        var signature = Sign(Signer, Encoding.UTF8.GetBytes("package digest"), byKeyIdentifier: false);
        Package = Write("Contoso.App.msix", SignedPackage(ManifestXml(Publisher), Signer));
        Appx = Write("Contoso.App.appx", SignedPackage(ManifestXml(Publisher), Signer, byKeyIdentifier: true));
        Bundle = Write("Contoso.App.msixbundle", BundleZip(Publisher));
        MismatchedPackage = Write("Contoso.Mismatch.msix", SignedPackage(ManifestXml("CN=Fabrikam Apps, O=Fabrikam, C=US"), Signer));
        ReorderedPackage = Write("Contoso.Reordered.msix", SignedPackage(ManifestXml("C=US, O=Contoso Ltd, CN=Contoso Apps"), Signer));
        OtherSignerPackage = Write("Contoso.OtherSigner.msix", SignedPackage(ManifestXml(OtherSigner.Subject), OtherSigner));
        ExpiredPackage = Write("Contoso.Expired.msix", SignedPackage(ManifestXml("CN=Fabrikam"), ExpiredSigner));
        TimeStampedExpiredPackage = Write("Contoso.TimeStampedExpired.msix", SignedPackage(ManifestXml(ExpiredSigner.Subject), ExpiredSigner, stampedAt: ExpiredSigner.NotAfter.AddDays(-30)));
        ChangedPackage = Write("Contoso.Changed.msix", SignedPackage(ManifestXml(Publisher), Signer, changeAfterSigning: true));
        BadSignatureValuePackage = Write("Contoso.BadSignatureValue.msix", SignedPackage(ManifestXml(Publisher), Signer, damageSignatureValue: true));
        UnsignedPackage = Write("Contoso.Unsigned.msix", PackageZip(ManifestXml(Publisher), signature: null));
        BrokenZipPackage = Write("Contoso.BrokenZip.msix", Encoding.ASCII.GetBytes("PK\u0003\u0004 cut short after its first header"));
        BadManifestPackage = Write("Contoso.BadManifest.msix", PackageZip("<Package><Identity Publisher=\"CN=Contoso\"", signature));
        DamagedPackage = Write("Contoso.Damaged.msix", PackageZip(ManifestXml(Publisher), signature[..(signature.Length / 2)]));

        Executable = Write("Contoso.Tool.exe", SignedPortableExecutable(Signer, changeAfterSigning: false));
        ChangedExecutable = Write("Contoso.Changed.exe", SignedPortableExecutable(Signer, changeAfterSigning: true));
        UnsignedExecutable = Write("Contoso.Unsigned.dll", PortableExecutable(null));
        Script = Write("Deploy.ps1", Encoding.UTF8.GetBytes(SignedScript(Signer, "Write-Output 'Deploying'", "# ", string.Empty, withByteOrderMark: false)));
        UnicodeModule = Write("Contoso.psm1", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(SignedScript(Signer, "function Get-Contoso { 'Contoso' }", "# ", string.Empty, withByteOrderMark: true))).ToArray());
        ModuleManifest = Write("Contoso.psd1", Encoding.UTF8.GetBytes(SignedScript(Signer, "@{ ModuleVersion = '1.0' }", "# ", string.Empty, withByteOrderMark: false)));
        FormatFile = Write("Contoso.format.ps1xml", Encoding.UTF8.GetBytes(SignedScript(Signer, "<Configuration />", "<!-- ", " -->", withByteOrderMark: false)));
        ChangedScript = Write("Changed.ps1", Encoding.UTF8.GetBytes(SignedScript(Signer, "Write-Output 'Deploying'", "# ", string.Empty, withByteOrderMark: false).Replace("Deploying", "Deplying!")));
        UnsignedScript = Write("Unsigned.ps1", Encoding.UTF8.GetBytes("Write-Output 'not signed'\r\n"));
        DamagedScript = Write("Damaged.ps1", Encoding.UTF8.GetBytes("Write-Output 'x'\r\n# SIG # Begin signature block\r\n# MIIb!!notbase64\r\n# SIG # End signature block\r\n"));
        Catalog = Write("Contoso.cat", Sign(Signer, Encoding.UTF8.GetBytes("catalog members"), byKeyIdentifier: false, contentType: "1.3.6.1.4.1.311.10.1"));
        SignerFile = Write("signer.cer", Signer.RawData);

        DamagedSignerPackage = Write("Contoso.DamagedSigner.msix", SignedPackage(ManifestXml(DamagedSigner.Subject), DamagedSigner));
        DamagedSignerScript = Write("DamagedSigner.ps1", Encoding.UTF8.GetBytes(SignedScript(DamagedSigner, "Write-Output 'Deploying'", "# ", string.Empty, withByteOrderMark: false)));
        DamagedSignerChangedScript = Write("DamagedSignerChanged.ps1", Encoding.UTF8.GetBytes(SignedScript(DamagedSigner, "Write-Output 'Deploying'", "# ", string.Empty, withByteOrderMark: false).Replace("Deploying", "Deplying!")));
        DamagedSignerExecutable = Write("Contoso.DamagedSigner.exe", SignedPortableExecutable(DamagedSigner, changeAfterSigning: false));
        OtherSignerFile = Write("other-signer.cer", OtherSigner.RawData);
    }

    public string Directory => _directory.Path;

    public X509Certificate2 Signer { get; }

    public X509Certificate2 OtherSigner { get; }

    public X509Certificate2 ExpiredSigner { get; }

    public X509Certificate2 TimeStamper { get; }

    /// <summary>
    /// A signer that loads, signs and verifies, and whose Enhanced Key Usage extension (2.5.29.37) cannot be decoded:
    /// its value is a SEQUENCE whose OID claims one byte more than the SEQUENCE holds.
    /// </summary>
    public X509Certificate2 DamagedSigner { get; }

    /// <summary>A package signed by <see cref="DamagedSigner"/>; it verifies.</summary>
    public string DamagedSignerPackage { get; }

    /// <summary>A script signed by <see cref="DamagedSigner"/>; it verifies.</summary>
    public string DamagedSignerScript { get; }

    /// <summary>A script signed by <see cref="DamagedSigner"/> with one word changed after signing: it does not verify.</summary>
    public string DamagedSignerChangedScript { get; }

    /// <summary>A PE file signed by <see cref="DamagedSigner"/>; it verifies.</summary>
    public string DamagedSignerExecutable { get; }

    public string Package { get; }

    public string Appx { get; }

    public string Bundle { get; }

    public string MismatchedPackage { get; }

    public string ReorderedPackage { get; }

    public string OtherSignerPackage { get; }

    public string ExpiredPackage { get; }

    public string UnsignedPackage { get; }

    /// <summary>Signed by <see cref="ExpiredSigner"/>, with a PKCS#9 time-stamp a month before it expired.</summary>
    public string TimeStampedExpiredPackage { get; }

    /// <summary>A signed package with one byte of App.exe changed after signing (still a valid zip, CRCs and all).</summary>
    public string ChangedPackage { get; }

    /// <summary>A signed package whose signature value has one byte changed.</summary>
    public string BadSignatureValuePackage { get; }

    /// <summary>A signed PE file with one byte of its image changed after signing.</summary>
    public string ChangedExecutable { get; }

    /// <summary>A signed script with one word changed after signing.</summary>
    public string ChangedScript { get; }

    public string DamagedPackage { get; }

    /// <summary>Starts as a zip, and is none.</summary>
    public string BrokenZipPackage { get; }

    /// <summary>A signed package whose AppxManifest.xml is not well-formed.</summary>
    public string BadManifestPackage { get; }

    public string Executable { get; }

    public string UnsignedExecutable { get; }

    public string Script { get; }

    public string UnicodeModule { get; }

    public string ModuleManifest { get; }

    public string FormatFile { get; }

    public string UnsignedScript { get; }

    public string DamagedScript { get; }

    public string Catalog { get; }

    public string SignerFile { get; }

    public string OtherSignerFile { get; }

    /// <summary>
    /// A PKCS#7 SignedData over <paramref name="content"/> by <paramref name="signer"/>, countersigned by the time-stamp
    /// authority (a PKCS#9 countersignature, signed at <paramref name="stampedAt"/> or now), whose certificate (and the
    /// signer's) the certificates set carries.
    /// </summary>
    public byte[] Sign(X509Certificate2 signer, byte[] content, bool byKeyIdentifier, string contentType = AuthenticodeContent.SpcIndirectDataOid, DateTime? stampedAt = null)
    {
        var cms = new SignedCms(new ContentInfo(new Oid(contentType), content), detached: false);
        var identifier = byKeyIdentifier ? SubjectIdentifierType.SubjectKeyIdentifier : SubjectIdentifierType.IssuerAndSerialNumber;
        cms.ComputeSignature(new CmsSigner(identifier, signer) { IncludeOption = X509IncludeOption.EndCertOnly });
        var stamper = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, TimeStamper) { IncludeOption = X509IncludeOption.EndCertOnly };
        stamper.SignedAttributes.Add(new Pkcs9SigningTime(stampedAt ?? DateTime.UtcNow));
        cms.SignerInfos[0].ComputeCounterSignature(stamper);
        return cms.Encode();
    }

    /// <summary>An MSIX signed as MakeAppx and SignTool sign it: over its APPX digest (AXPC, AXCD, AXCT, AXBM).</summary>
    public byte[] SignedPackage(string manifest, X509Certificate2 signer, bool byKeyIdentifier = false, DateTime? stampedAt = null, bool changeAfterSigning = false, bool damageSignatureValue = false)
    {
        var entries = PackageEntries(manifest);
        var parts = StoredZip.Unsigned(entries);
        var digest = AuthenticodeContent.PackageDigest(parts.Records, parts.DirectoryAndEnd, entries.Single(e => e.Name == "[Content_Types].xml").Data, entries.Single(e => e.Name == "AppxBlockMap.xml").Data);
        var signature = Sign(signer, AuthenticodeContent.IndirectData(digest, portableExecutable: false), byKeyIdentifier, stampedAt: stampedAt);
        if (damageSignatureValue)
        {
            var value = new SignedCms();
            value.Decode(signature);
            var at = IndexOf(signature, value.SignerInfos[0].GetSignature());
            signature[at + 10] ^= 0x01;
        }

        if (changeAfterSigning)
        {
            entries[0] = (entries[0].Name, new byte[] { 0x4D, 0x5A, 0, 1 });
        }

        entries.Add(("AppxSignature.p7x", Encoding.ASCII.GetBytes("PKCX").Concat(signature).ToArray()));
        return StoredZip.Whole(entries);
    }

    private static List<(string Name, byte[] Data)> PackageEntries(string manifest) => new()
    {
        ("App.exe", new byte[] { 0x4D, 0x5A, 0, 0 }),
        ("AppxManifest.xml", Encoding.UTF8.GetBytes(manifest)),
        ("AppxBlockMap.xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockMap xmlns=\"http://schemas.microsoft.com/appx/2010/blockmap\" HashMethod=\"http://www.w3.org/2001/04/xmlenc#sha256\" />")),
        ("[Content_Types].xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/vnd.ms-appx.manifest+xml\" /></Types>")),
    };

    private byte[] SignedPortableExecutable(X509Certificate2 signer, bool changeAfterSigning)
    {
        var image = PortableExecutable(null);
        var digest = AuthenticodeContent.PortableExecutableDigest(image, PeOptionalHeader, PeOptionalHeader + 112 + (4 * 8));
        var signed = PortableExecutable(Sign(signer, AuthenticodeContent.IndirectData(digest, portableExecutable: true), byKeyIdentifier: false));
        if (changeAfterSigning)
        {
            signed[0x300] ^= 0x01;
        }

        return signed;
    }

    private string SignedScript(X509Certificate2 signer, string text, string open, string close, bool withByteOrderMark)
    {
        var signature = Sign(signer, AuthenticodeContent.IndirectData(AuthenticodeContent.ScriptDigest(text, withByteOrderMark), portableExecutable: false), byKeyIdentifier: false);
        return text + "\r\n" + SignatureBlock(signature, open, close);
    }

    /// <summary>Self-signed, with its own key, and an EKU extension whose value is not valid DER (the OID's length 0b runs past its SEQUENCE's 0a).</summary>
    private static X509Certificate2 SignerWithUndecodableEnhancedKeyUsage()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Contoso Damaged Apps, O=Contoso Ltd, C=US", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509Extension("2.5.29.37", new byte[] { 0x30, 0x0a, 0x06, 0x0b, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x03 }, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365));
    }

    private static int IndexOf(byte[] data, byte[] pattern)
    {
        for (var i = 0; i <= data.Length - pattern.Length; i++)
        {
            if (data.AsSpan(i, pattern.Length).SequenceEqual(pattern))
            {
                return i;
            }
        }

        throw new InvalidOperationException("the signature value is not in the encoding");
    }

    private string Write(string name, byte[] bytes) => _directory.Write(name, bytes);

    private static string ManifestXml(string publisher) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Package xmlns=\"http://schemas.microsoft.com/appx/manifest/foundation/windows10\">\r\n" +
        "  <Identity Name=\"Contoso.App\" Version=\"1.0.0.0\" Publisher=\"" + System.Security.SecurityElement.Escape(publisher) + "\" ProcessorArchitecture=\"x64\" />\r\n" +
        "  <Properties><DisplayName>Contoso App</DisplayName><PublisherDisplayName>Contoso</PublisherDisplayName></Properties>\r\n</Package>\r\n";

    /// <summary>An MSIX as MakeAppx lays it out; <paramref name="signature"/> is the DER that AppxSignature.p7x carries after "PKCX".</summary>
    public static byte[] PackageZip(string manifest, byte[]? signature)
    {
        var entries = PackageEntries(manifest);
        if (signature is not null)
        {
            entries.Add(("AppxSignature.p7x", Encoding.ASCII.GetBytes("PKCX").Concat(signature).ToArray()));
        }

        return StoredZip.Whole(entries);
    }

    /// <summary>A bundle signed over its own APPX digest, holding a package signed over its own.</summary>
    private byte[] BundleZip(string publisher)
    {
        var entries = new List<(string Name, byte[] Data)>
        {
            ("Contoso.App_x64.msix", SignedPackage(ManifestXml(publisher), Signer)),
            ("AppxMetadata/AppxBundleManifest.xml", Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Bundle xmlns=\"http://schemas.microsoft.com/appx/2013/bundle\" SchemaVersion=\"5.0\">\r\n" +
                "  <Identity Name=\"Contoso.App\" Publisher=\"" + System.Security.SecurityElement.Escape(publisher) + "\" Version=\"1.0.0.0\" />\r\n" +
                "  <Packages><Package Type=\"application\" FileName=\"Contoso.App_x64.msix\" Architecture=\"x64\" /></Packages>\r\n</Bundle>\r\n")),
            ("AppxBlockMap.xml", Encoding.UTF8.GetBytes("<BlockMap />")),
            ("[Content_Types].xml", Encoding.UTF8.GetBytes("<Types />")),
        };
        var parts = StoredZip.Unsigned(entries);
        var digest = AuthenticodeContent.PackageDigest(parts.Records, parts.DirectoryAndEnd, entries[3].Data, entries[2].Data);
        entries.Add(("AppxSignature.p7x", Encoding.ASCII.GetBytes("PKCX").Concat(Sign(Signer, AuthenticodeContent.IndirectData(digest, portableExecutable: false), byKeyIdentifier: false)).ToArray()));
        return StoredZip.Whole(entries);
    }

    /// <summary>
    /// A minimal PE32+ image (DOS header, "PE\0\0", COFF header, optional header with 16 data directories) whose security
    /// directory points at a WIN_CERTIFICATE (revision 2, type PKCS_SIGNED_DATA) at the end of the file, padded to 8 bytes.
    /// </summary>
    private const int PeOffset = 0x80;
    private const int PeOptionalHeader = PeOffset + 24;

    public static byte[] PortableExecutable(byte[]? signature)
    {
        const int peOffset = PeOffset;
        const int optionalHeaderSize = 240;
        var image = new byte[0x400];
        image[0] = (byte)'M';
        image[1] = (byte)'Z';
        BitConverter.GetBytes(peOffset).CopyTo(image, 0x3C);
        Encoding.ASCII.GetBytes("PE\0\0").CopyTo(image, peOffset);
        BitConverter.GetBytes((ushort)0x8664).CopyTo(image, peOffset + 4);
        BitConverter.GetBytes((ushort)optionalHeaderSize).CopyTo(image, peOffset + 20);
        var optional = peOffset + 24;
        BitConverter.GetBytes((ushort)0x20B).CopyTo(image, optional);
        BitConverter.GetBytes(16).CopyTo(image, optional + 108);
        if (signature is null)
        {
            return image;
        }

        var length = 8 + signature.Length;
        var padded = (length + 7) & ~7;
        BitConverter.GetBytes(image.Length).CopyTo(image, optional + 112 + (4 * 8));
        BitConverter.GetBytes(padded).CopyTo(image, optional + 112 + (4 * 8) + 4);
        var certificate = new byte[padded];
        BitConverter.GetBytes(length).CopyTo(certificate, 0);
        BitConverter.GetBytes((ushort)0x0200).CopyTo(certificate, 4);
        BitConverter.GetBytes((ushort)0x0002).CopyTo(certificate, 6);
        signature.CopyTo(certificate, 8);
        return image.Concat(certificate).ToArray();
    }

    /// <summary>The block Set-AuthenticodeSignature appends: 64 base64 characters a line, each a comment.</summary>
    public static string SignatureBlock(byte[] signature, string open, string close)
    {
        var text = new StringBuilder();
        text.Append(open).Append("SIG # Begin signature block").Append(close).Append("\r\n");
        var base64 = Convert.ToBase64String(signature);
        for (var i = 0; i < base64.Length; i += 64)
        {
            text.Append(open).Append(base64.Substring(i, Math.Min(64, base64.Length - i))).Append(close).Append("\r\n");
        }

        text.Append(open).Append("SIG # End signature block").Append(close).Append("\r\n");
        return text.ToString();
    }

    public void Dispose()
    {
        Signer.Dispose();
        OtherSigner.Dispose();
        ExpiredSigner.Dispose();
        TimeStamper.Dispose();
        DamagedSigner.Dispose();
        _directory.Dispose();
    }
}
