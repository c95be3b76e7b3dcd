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
        Signer = TestCertificates.Create("Contoso Apps", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365), "1.3.6.1.5.5.7.3.3", isCa: false);
        OtherSigner = TestCertificates.Create("Contoso Other Apps", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365), "1.3.6.1.5.5.7.3.3", isCa: false);
        ExpiredSigner = TestCertificates.Create("Contoso Apps", DateTimeOffset.UtcNow.AddDays(-400), DateTimeOffset.UtcNow.AddDays(-10), "1.3.6.1.5.5.7.3.3", isCa: false);
        TimeStamper = TestCertificates.Create("Contoso Time-Stamp Authority", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(3650), TimeStampingOid, isCa: false);

        var signature = Sign(Signer, Encoding.UTF8.GetBytes("package digest"), byKeyIdentifier: false);
        Package = Write("Contoso.App.msix", PackageZip(ManifestXml(Publisher), signature));
        Appx = Write("Contoso.App.appx", PackageZip(ManifestXml(Publisher), Sign(Signer, Encoding.UTF8.GetBytes("appx digest"), byKeyIdentifier: true)));
        Bundle = Write("Contoso.App.msixbundle", BundleZip(Publisher, signature));
        MismatchedPackage = Write("Contoso.Mismatch.msix", PackageZip(ManifestXml("CN=Fabrikam Apps, O=Fabrikam, C=US"), signature));
        ReorderedPackage = Write("Contoso.Reordered.msix", PackageZip(ManifestXml("C=US, O=Contoso Ltd, CN=Contoso Apps"), signature));
        OtherSignerPackage = Write("Contoso.OtherSigner.msix", PackageZip(ManifestXml(OtherSigner.Subject), Sign(OtherSigner, Encoding.UTF8.GetBytes("other"), byKeyIdentifier: false)));
        ExpiredPackage = Write("Contoso.Expired.msix", PackageZip(ManifestXml("CN=Fabrikam"), Sign(ExpiredSigner, Encoding.UTF8.GetBytes("expired"), byKeyIdentifier: false)));
        UnsignedPackage = Write("Contoso.Unsigned.msix", PackageZip(ManifestXml(Publisher), signature: null));
        BrokenZipPackage = Write("Contoso.BrokenZip.msix", Encoding.ASCII.GetBytes("PK\u0003\u0004 cut short after its first header"));
        BadManifestPackage = Write("Contoso.BadManifest.msix", PackageZip("<Package><Identity Publisher=\"CN=Contoso\"", signature));
        DamagedPackage = Write("Contoso.Damaged.msix", PackageZip(ManifestXml(Publisher), signature[..(signature.Length / 2)]));

        Executable = Write("Contoso.Tool.exe", PortableExecutable(Sign(Signer, Encoding.UTF8.GetBytes("pe digest"), byKeyIdentifier: false)));
        UnsignedExecutable = Write("Contoso.Unsigned.dll", PortableExecutable(null));
        Script = Write("Deploy.ps1", Encoding.UTF8.GetBytes("Write-Output 'Deploying'\r\n" + SignatureBlock(signature, "# ", string.Empty)));
        UnicodeModule = Write("Contoso.psm1", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("function Get-Contoso { 'Contoso' }\r\n" + SignatureBlock(signature, "# ", string.Empty))).ToArray());
        ModuleManifest = Write("Contoso.psd1", Encoding.UTF8.GetBytes("@{ ModuleVersion = '1.0' }\r\n" + SignatureBlock(signature, "# ", string.Empty)));
        FormatFile = Write("Contoso.format.ps1xml", Encoding.UTF8.GetBytes("<Configuration />\r\n" + SignatureBlock(signature, "<!-- ", " -->")));
        UnsignedScript = Write("Unsigned.ps1", Encoding.UTF8.GetBytes("Write-Output 'not signed'\r\n"));
        DamagedScript = Write("Damaged.ps1", Encoding.UTF8.GetBytes("Write-Output 'x'\r\n# SIG # Begin signature block\r\n# MIIb!!notbase64\r\n# SIG # End signature block\r\n"));
        Catalog = Write("Contoso.cat", Sign(Signer, Encoding.UTF8.GetBytes("catalog members"), byKeyIdentifier: false, contentType: "1.3.6.1.4.1.311.10.1"));
        SignerFile = Write("signer.cer", Signer.RawData);
        OtherSignerFile = Write("other-signer.cer", OtherSigner.RawData);
    }

    public string Directory => _directory.Path;

    public X509Certificate2 Signer { get; }

    public X509Certificate2 OtherSigner { get; }

    public X509Certificate2 ExpiredSigner { get; }

    public X509Certificate2 TimeStamper { get; }

    public string Package { get; }

    public string Appx { get; }

    public string Bundle { get; }

    public string MismatchedPackage { get; }

    public string ReorderedPackage { get; }

    public string OtherSignerPackage { get; }

    public string ExpiredPackage { get; }

    public string UnsignedPackage { get; }

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
    /// authority, whose certificate (and the signer's) the certificates set carries.
    /// </summary>
    public byte[] Sign(X509Certificate2 signer, byte[] content, bool byKeyIdentifier, string contentType = "1.3.6.1.4.1.311.2.1.4")
    {
        var cms = new SignedCms(new ContentInfo(new Oid(contentType), content), detached: false);
        var identifier = byKeyIdentifier ? SubjectIdentifierType.SubjectKeyIdentifier : SubjectIdentifierType.IssuerAndSerialNumber;
        cms.ComputeSignature(new CmsSigner(identifier, signer) { IncludeOption = X509IncludeOption.EndCertOnly });
        cms.SignerInfos[0].ComputeCounterSignature(new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, TimeStamper) { IncludeOption = X509IncludeOption.EndCertOnly });
        return cms.Encode();
    }

    private string Write(string name, byte[] bytes) => _directory.Write(name, bytes);

    private static string ManifestXml(string publisher) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Package xmlns=\"http://schemas.microsoft.com/appx/manifest/foundation/windows10\">\r\n" +
        "  <Identity Name=\"Contoso.App\" Version=\"1.0.0.0\" Publisher=\"" + System.Security.SecurityElement.Escape(publisher) + "\" ProcessorArchitecture=\"x64\" />\r\n" +
        "  <Properties><DisplayName>Contoso App</DisplayName><PublisherDisplayName>Contoso</PublisherDisplayName></Properties>\r\n</Package>\r\n";

    /// <summary>An MSIX as MakeAppx lays it out; <paramref name="signature"/> is the DER that AppxSignature.p7x carries after "PKCX".</summary>
    public static byte[] PackageZip(string manifest, byte[]? signature)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "App.exe", new byte[] { 0x4D, 0x5A, 0, 0 });
            Add(zip, "AppxManifest.xml", Encoding.UTF8.GetBytes(manifest));
            Add(zip, "AppxBlockMap.xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockMap xmlns=\"http://schemas.microsoft.com/appx/2010/blockmap\" HashMethod=\"http://www.w3.org/2001/04/xmlenc#sha256\" />"));
            Add(zip, "[Content_Types].xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/vnd.ms-appx.manifest+xml\" /></Types>"));
            if (signature is not null)
            {
                Add(zip, "AppxSignature.p7x", Encoding.ASCII.GetBytes("PKCX").Concat(signature).ToArray());
            }
        }

        return output.ToArray();
    }

    private static byte[] BundleZip(string publisher, byte[] signature)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "Contoso.App_x64.msix", PackageZip(ManifestXml(publisher), signature));
            Add(zip, "AppxMetadata/AppxBundleManifest.xml", Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Bundle xmlns=\"http://schemas.microsoft.com/appx/2013/bundle\" SchemaVersion=\"5.0\">\r\n" +
                "  <Identity Name=\"Contoso.App\" Publisher=\"" + System.Security.SecurityElement.Escape(publisher) + "\" Version=\"1.0.0.0\" />\r\n" +
                "  <Packages><Package Type=\"application\" FileName=\"Contoso.App_x64.msix\" Architecture=\"x64\" /></Packages>\r\n</Bundle>\r\n"));
            Add(zip, "AppxBlockMap.xml", Encoding.UTF8.GetBytes("<BlockMap />"));
            Add(zip, "[Content_Types].xml", Encoding.UTF8.GetBytes("<Types />"));
            Add(zip, "AppxSignature.p7x", Encoding.ASCII.GetBytes("PKCX").Concat(signature).ToArray());
        }

        return output.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }

    /// <summary>
    /// A minimal PE32+ image (DOS header, "PE\0\0", COFF header, optional header with 16 data directories) whose security
    /// directory points at a WIN_CERTIFICATE (revision 2, type PKCS_SIGNED_DATA) at the end of the file, padded to 8 bytes.
    /// </summary>
    public static byte[] PortableExecutable(byte[]? signature)
    {
        const int peOffset = 0x80;
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
        _directory.Dispose();
    }
}
