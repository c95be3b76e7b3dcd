using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Cmdlets;

/// <summary>New-EnterpriseCodeSigningCertificate -Path / -LiteralPath / Get-ChildItem input: every format yields the right certificates.</summary>
public sealed class FileFormatTests : EmulatedGraphTest
{
    private IReadOnlyList<string> PostedContents() =>
        CertificateRequests("POST").Select(r => RecordedJson.Body(r)["content"].GetString()!).ToList();

    [Fact]
    public void Der_cer_and_crt_files_upload_their_certificate()
    {
        using var files = new TempDirectory();
        using var a = TestCertificates.CodeSigning("Der One");
        using var b = TestCertificates.CodeSigning("Der Two");
        files.Write("one.cer", a.RawData);
        files.Write("two.crt", b.RawData);

        var result = Ps.Run("New-EnterpriseCodeSigningCertificate -Path ([IO.Path]::Combine($dir, '*.c*'))", ("dir", files.Path));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { Convert.ToBase64String(a.RawData), Convert.ToBase64String(b.RawData) }, PostedContents());
        Assert.Equal(new[] { "Der One", "Der Two" }, result.Output.Select(o => o.Text("SubjectName")));
    }

    [Fact]
    public void A_pem_file_with_several_certificates_uploads_each()
    {
        using var files = new TempDirectory();
        using var a = TestCertificates.CodeSigning("Pem One");
        using var b = TestCertificates.CodeSigning("Pem Two");
        var path = files.Write("bundle.pem", TestCertificates.Pem(a, b));

        var result = Ps.Run("New-EnterpriseCodeSigningCertificate -LiteralPath $p", ("p", path));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { Convert.ToBase64String(a.RawData), Convert.ToBase64String(b.RawData) }, PostedContents());
    }

    [Fact]
    public void A_p7b_bundle_uploads_each_certificate_in_it()
    {
        using var files = new TempDirectory();
        using var a = TestCertificates.CodeSigning("P7b One");
        using var b = TestCertificates.CodeSigning("P7b Two");
        var path = files.Write("bundle.p7b", TestCertificates.Pkcs7(a, b));

        var result = Ps.Run("New-EnterpriseCodeSigningCertificate -Path $p", ("p", path));

        Assert.Empty(result.Errors);
        Assert.Equal(
            new[] { Convert.ToBase64String(a.RawData), Convert.ToBase64String(b.RawData) }.Order(StringComparer.Ordinal),
            PostedContents().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_pfx_uploads_its_public_certificate_and_never_its_private_key()
    {
        using var files = new TempDirectory();
        using var certificate = TestCertificates.CodeSigning("Pfx Signer");
        var path = files.Write("signer.pfx", TestCertificates.Pfx(certificate, "S3cret!pfx"));
        var keyBase64 = Convert.ToBase64String(TestCertificates.PrivateKey(certificate));

        var result = Ps.Run(
            "New-EnterpriseCodeSigningCertificate -Path $p -Password $pw -Debug -Verbose",
            ("p", path),
            ("pw", PsSession.Secure("S3cret!pfx")),
            ("DebugPreference", "Continue"));

        Assert.Empty(result.Errors);
        var post = CertificateRequests("POST").Single();
        Assert.Equal(Convert.ToBase64String(certificate.RawData), RecordedJson.Body(post)["content"].GetString());
        Assert.DoesNotContain(keyBase64, post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(keyBase64[..40], string.Join("\n", Graph.Requests.All.Select(r => r.Body)), StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret!pfx", result.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_p12_with_its_chain_uploads_only_the_certificate_that_has_the_key()
    {
        using var files = new TempDirectory();
        using var signer = TestCertificates.CodeSigning("P12 Signer");
        // A key of its own: the module tells the certificate with the key by the key.
        using var ca = TestCertificates.Create("P12 Chain CA", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(3650), eku: null, isCa: true, ownKey: true);
        var collection = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection
        {
            signer,
            System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(ca.RawData),
        };
        var path = files.Write("signer.p12", collection.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "pw")!);

        var result = Ps.Run("New-EnterpriseCodeSigningCertificate -Path $p -Password $pw", ("p", path), ("pw", PsSession.Secure("pw")));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { Convert.ToBase64String(signer.RawData) }, PostedContents());
    }

    [Fact]
    public void Get_ChildItem_output_binds_by_PSPath_and_each_file_is_uploaded()
    {
        using var files = new TempDirectory();
        using var a = TestCertificates.CodeSigning("Child One");
        using var b = TestCertificates.CodeSigning("Child Two");
        files.Write("a.cer", a.RawData);
        files.Write("b.cer", b.RawData);

        // The FileSystem provider's own items, exactly what Get-ChildItem emits (PSPath and all); the
        // hosted engine has only the Core cmdlets, so the provider is called directly.
        var result = Ps.Run("$ExecutionContext.InvokeProvider.ChildItem.Get([IO.Path]::Combine($dir, '*.cer'), $false) | New-EnterpriseCodeSigningCertificate", ("dir", files.Path));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Child One", "Child Two" }, result.Output.Select(o => o.Text("SubjectName")));
    }
}
