using System.Management.Automation;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Packages;

/// <summary>New-EnterpriseCodeSigningCertificate reads the certificate that signed a file, never its time-stamp authority's.</summary>
public sealed class SignedFileUploadTests : SignedPackageTest
{
    public SignedFileUploadTests(SignedSamplesFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public void Every_signed_kind_piped_as_file_items_uploads_its_signer_and_nothing_else()
    {
        var files = new[] { Samples.Package, Samples.Appx, Samples.Bundle, Samples.Executable, Samples.Script, Samples.UnicodeModule, Samples.ModuleManifest, Samples.FormatFile, Samples.Catalog };

        // -Force: the same signer nine times, so every file is sent, not refused as already uploaded.
        var result = Ps.Run(FileItems + " | New-EnterpriseCodeSigningCertificate -Force", ("files", files));

        Assert.Empty(result.Errors);
        Assert.Equal(Enumerable.Repeat(Convert.ToBase64String(Samples.Signer.RawData), files.Length), Uploaded());
        Assert.All(result.Output, o => Assert.Equal("Contoso Apps", o.Text("SubjectName")));
    }

    [Fact]
    public void A_package_by_path_uploads_its_signer_once()
    {
        var result = Ps.Run("New-EnterpriseCodeSigningCertificate -Path $p", ("p", Samples.Package));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { Convert.ToBase64String(Samples.Signer.RawData) }, Uploaded());
        Assert.DoesNotContain(Convert.ToBase64String(Samples.TimeStamper.RawData), Graph.Requests.All.Select(r => r.Body));
    }

    [Fact]
    public void Unsigned_damaged_and_signatureless_files_each_get_their_own_error_and_the_pipeline_goes_on()
    {
        var files = new[] { Samples.UnsignedExecutable, Samples.UnsignedScript, Samples.UnsignedPackage, Samples.DamagedScript, Samples.DamagedPackage, Samples.Package };

        var result = Ps.Run(FileItems + " | New-EnterpriseCodeSigningCertificate", ("files", files));

        Assert.Equal(new[] { "SignedFileNotSigned", "SignedFileNotSigned", "PackageNotSigned", "SignedFileSignatureDamaged", "SignedFileSignatureDamaged" }, result.ErrorIds);
        Assert.Equal(files[..5], result.Errors.Select(e => e.TargetObject));
        Assert.Equal(
            new[] { ErrorCategory.ObjectNotFound, ErrorCategory.ObjectNotFound, ErrorCategory.ObjectNotFound, ErrorCategory.InvalidData, ErrorCategory.InvalidData },
            result.Errors.Select(e => e.CategoryInfo.Category));
        Assert.Contains("has no AppxSignature.p7x", result.Errors[2].Exception.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { Convert.ToBase64String(Samples.Signer.RawData) }, Uploaded());
    }

    [Fact]
    public void A_signed_file_whose_signer_certificate_is_damaged_is_SignedFileSignatureDamaged_sends_nothing_and_the_pipeline_goes_on()
    {
        // Each verifies; only its signer's EKU extension cannot be decoded. Test- reports the package the same way (PackagePreflightTests).
        var damaged = new[] { Samples.DamagedSignerScript, Samples.DamagedSignerPackage, Samples.DamagedSignerExecutable };
        Graph.Requests.Clear();

        var refused = Ps.Run("New-EnterpriseCodeSigningCertificate -Path $a, $b, $c", ("a", damaged[0]), ("b", damaged[1]), ("c", damaged[2]));

        Assert.Equal(Enumerable.Repeat("SignedFileSignatureDamaged", 3), refused.ErrorIds);
        Assert.Equal(damaged, refused.Errors.Select(e => e.TargetObject));
        Assert.All(refused.Errors, e => Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category));
        Assert.All(refused.Errors.Zip(damaged), pair => Assert.StartsWith(
            "The signer certificate of '" + pair.Second + "' is damaged: its Enhanced Key Usage extension (2.5.29.37) cannot be decoded",
            pair.First.Exception.Message,
            StringComparison.Ordinal));
        Assert.Empty(refused.Output);
        Assert.Empty(Graph.Requests.All);

        var goesOn = Ps.Run(FileItems + " | New-EnterpriseCodeSigningCertificate", ("files", new[] { Samples.DamagedSignerPackage, Samples.Package }));

        Assert.Equal(new[] { "SignedFileSignatureDamaged" }, goesOn.ErrorIds);
        Assert.Equal(Samples.DamagedSignerPackage, goesOn.Errors[0].TargetObject);
        Assert.Equal(new[] { Convert.ToBase64String(Samples.Signer.RawData) }, Uploaded());
        Assert.DoesNotContain(Graph.Requests.All, r => r.Body.Contains(Convert.ToBase64String(Samples.DamagedSigner.RawData), StringComparison.Ordinal));
    }

    [Fact]
    public void A_damaged_signer_is_SignedFileSignatureDamaged_before_verification_even_with_Force()
    {
        // The script changed after signing: it does not verify either, and damage is what is reported, -Force or not
        // (-Force overrides SignedFileNotVerified, and cannot mend a certificate).
        var refused = Ps.Run("New-EnterpriseCodeSigningCertificate -LiteralPath $f", ("f", Samples.DamagedSignerChangedScript));
        var forced = Ps.Run("New-EnterpriseCodeSigningCertificate -LiteralPath $f -Force", ("f", Samples.DamagedSignerChangedScript));

        Assert.Equal(new[] { "SignedFileSignatureDamaged" }, refused.ErrorIds);
        Assert.Equal(new[] { "SignedFileSignatureDamaged" }, forced.ErrorIds);
        Assert.Equal(Samples.DamagedSignerChangedScript, forced.Errors[0].TargetObject);
        Assert.Empty(forced.Warnings);
        Assert.Empty(Uploaded());
    }

    [Fact]
    public void A_signature_object_binds_by_its_SignerCertificate_and_not_by_its_Path()
    {
        // Get-AuthenticodeSignature is Windows-only; its Signature objects are made here through the constructor it uses.
        // Their Path names the signed file; a Path that does not exist proves it did not bind as a file to read.
        var signature = MakeSignature(Path.Combine(Samples.Directory, "missing.msix"), Samples.Signer, Samples.TimeStamper);

        var result = Ps.Run("$signature | New-EnterpriseCodeSigningCertificate", ("signature", signature));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { Convert.ToBase64String(Samples.Signer.RawData) }, Uploaded());
    }

    [Fact]
    public void A_preflight_result_piped_to_New_uploads_the_packages_signer()
    {
        var result = Ps.Run("Test-EnterpriseCodeSigningPackage -Path $p | New-EnterpriseCodeSigningCertificate", ("p", Samples.OtherSignerPackage));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { Convert.ToBase64String(Samples.OtherSigner.RawData) }, Uploaded());
    }

    [Fact]
    public void A_real_Microsoft_signed_dll_gives_Microsofts_code_signing_certificate_not_the_time_stamp_service()
    {
        // A DLL from a package the build restores: Microsoft signs its NuGet assemblies with Authenticode, timestamped.
        var dll = MicrosoftSignedDll();

        // -Force: Microsoft's signing certificates last about a year, so this one may have expired.
        var result = Ps.Run("New-EnterpriseCodeSigningCertificate -LiteralPath $p -Force -WarningAction SilentlyContinue", ("p", dll));

        Assert.Empty(result.Errors);
        var uploaded = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(Assert.Single(Uploaded())));
        Assert.Equal("Microsoft Corporation", uploaded.GetNameInfo(X509NameType.SimpleName, false));
        Assert.Contains("Code Signing", uploaded.Issuer, StringComparison.Ordinal);
        var usages = uploaded.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToList();
        Assert.Contains("1.3.6.1.5.5.7.3.3", usages);
        Assert.DoesNotContain("1.3.6.1.5.5.7.3.8", usages);
    }

    [Fact]
    public void A_package_whose_manifest_inflates_past_the_bound_and_a_fifo_named_msix_are_refused_without_being_read_whole()
    {
        // 8 MiB of spaces deflate to about 8 KiB: the declared size and the read both stop at 4 MiB.
        var bomb = Path.Combine(Samples.Directory, "Bomb.msix");
        File.WriteAllBytes(bomb, Deflated.Zip(("AppxManifest.xml", "<Package>" + new string(' ', 8 * 1024 * 1024) + "</Package>"), ("AppxSignature.p7x", "PKCX")));
        var fifo = Path.Combine(Samples.Directory, "Pipe.msix");
        File.Delete(fifo);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        var result = Ps.Run("New-EnterpriseCodeSigningCertificate -LiteralPath $a, $b", ("a", bomb), ("b", fifo));

        Assert.Equal(new[] { "PackageDamaged", "CertificateFileNotRegular" }, result.ErrorIds);
        Assert.Contains("AppxManifest.xml is larger than 4096 KiB", result.Errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Uploaded());
    }

    internal static string MicrosoftSignedDll()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var dll = Path.Combine(packages, "microsoft.identity.client", "4.92.0", "lib", "netstandard2.0", "Microsoft.Identity.Client.dll");
        Assert.True(File.Exists(dll), "The restore should have brought " + dll);
        return dll;
    }

    private static Signature MakeSignature(string path, X509Certificate2 signer, X509Certificate2 timeStamper)
    {
        var constructor = typeof(Signature).GetConstructor(
            BindingFlags.NonPublic | BindingFlags.Instance,
            new[] { typeof(string), typeof(uint), typeof(X509Certificate2), typeof(X509Certificate2) })!;
        return (Signature)constructor.Invoke(new object[] { path, 0u, signer, timeStamper });
    }
}
