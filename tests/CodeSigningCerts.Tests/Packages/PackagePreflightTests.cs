using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Packages;

/// <summary>Test-EnterpriseCodeSigningPackage: whether devices that get the tenant's certificate would trust a package, and every reason why not.</summary>
public sealed class PackagePreflightTests : SignedPackageTest
{
    public PackagePreflightTests(SignedSamplesFixture fixture)
        : base(fixture)
    {
    }

    private static string Reasons(PSObject result) => string.Join("\n", (string[])result.Prop("Reasons")!);

    [Fact]
    public void A_package_and_a_bundle_signed_with_the_uploaded_certificate_are_trusted()
    {
        Graph.Certificates.Add(Samples.Signer);

        var result = Ps.Run("Test-EnterpriseCodeSigningPackage -Path $a, $b, $c", ("a", Samples.Package), ("b", Samples.Bundle), ("c", Samples.Appx));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Package", "Bundle", "Package" }, result.Output.Select(o => o.Text("Kind")));
        Assert.All(result.Output, o =>
        {
            Assert.Equal(true, o.Prop("IsTrusted"));
            Assert.Empty(Problems(o));
            Assert.Equal(true, o.Prop("IsUploaded"));
            Assert.Equal(true, o.Prop("IsLatestUploaded"));
            Assert.Equal(true, o.Prop("PublisherMatchesSigner"));
            Assert.Equal(Samples.Signer.Thumbprint, o.Text("SignerThumbprint"));
            Assert.Equal(SignedSamples.Publisher, o.Text("Publisher"));
        });
    }

    [Fact]
    public void Quiet_returns_only_a_boolean_for_each_package()
    {
        Graph.Certificates.Add(Samples.Signer);

        var result = Ps.Run(FileItems + " | Test-EnterpriseCodeSigningPackage -Quiet", ("files", new[] { Samples.Package, Samples.OtherSignerPackage }));

        Assert.Empty(result.Errors);
        Assert.Equal(new object[] { true, false }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_publisher_that_is_not_the_signers_subject_is_named_even_when_only_the_order_differs()
    {
        Graph.Certificates.Add(Samples.Signer);

        var result = Ps.Run("Test-EnterpriseCodeSigningPackage -LiteralPath $a, $b", ("a", Samples.MismatchedPackage), ("b", Samples.ReorderedPackage));

        Assert.Empty(result.Errors);
        Assert.All(result.Output, o =>
        {
            Assert.Equal(false, o.Prop("IsTrusted"));
            Assert.Equal(new[] { "PublisherMismatch" }, Problems(o));
            Assert.Equal(false, o.Prop("PublisherMatchesSigner"));
        });
        Assert.Contains("'CN=Fabrikam Apps, O=Fabrikam, C=US' does not match", Reasons(result.Output[0]), StringComparison.Ordinal);
        Assert.Contains("Windows compares the order", Reasons(result.Output[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signer_that_is_not_uploaded_or_not_the_latest_upload_is_not_trusted()
    {
        Graph.Certificates.Add(Samples.Signer, uploadDateTime: DateTimeOffset.UtcNow.AddDays(-2));
        var latest = Graph.Certificates.Add(Samples.OtherSigner, uploadDateTime: DateTimeOffset.UtcNow.AddDays(-1));
        using var stranger = Support.TestCertificates.CodeSigning("Contoso Stranger");
        var strangerPackage = Path.Combine(Samples.Directory, "Stranger.msix");
        File.WriteAllBytes(strangerPackage, Samples.SignedPackage("<Package><Identity Name=\"S\" Publisher=\"" + stranger.Subject + "\" /></Package>", stranger));

        var result = Ps.Run("Test-EnterpriseCodeSigningPackage -LiteralPath $a, $b", ("a", Samples.Package), ("b", strangerPackage));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "SignerNotLatestUploaded" }, Problems(result.Output[0]));
        Assert.Equal(true, result.Output[0].Prop("IsUploaded"));
        Assert.Equal(false, result.Output[0].Prop("IsLatestUploaded"));
        Assert.Contains(latest.Id, Reasons(result.Output[0]), StringComparison.Ordinal);
        Assert.Equal(new[] { "SignerNotUploaded" }, Problems(result.Output[1]));
        Assert.Equal(false, result.Output[1].Prop("IsUploaded"));
    }

    [Fact]
    public void A_signer_uploaded_twice_is_the_latest_upload_when_its_second_copy_is()
    {
        Graph.Certificates.Add(Samples.Signer, uploadDateTime: DateTimeOffset.UtcNow.AddDays(-3));
        Graph.Certificates.Add(Samples.OtherSigner, uploadDateTime: DateTimeOffset.UtcNow.AddDays(-2));
        var second = Graph.Certificates.Add(Samples.Signer, uploadDateTime: DateTimeOffset.UtcNow.AddDays(-1));

        var result = Ps.Run("Test-EnterpriseCodeSigningPackage -LiteralPath $p", ("p", Samples.Package));

        Assert.Empty(result.Errors);
        var trust = Assert.Single(result.Output);
        Assert.Equal(true, trust.Prop("IsTrusted"));
        Assert.Equal(true, trust.Prop("IsLatestUploaded"));
        Assert.Equal(second.Id, Ps.Run("$trust.UploadedCertificate.Id", ("trust", trust)).Output.Single().ToString());
    }

    [Fact]
    public void Every_reason_is_listed_not_only_the_first()
    {
        // Expired, not uploaded, and its manifest names another publisher.
        var result = Ps.Run("Test-EnterpriseCodeSigningPackage $p", ("p", Samples.ExpiredPackage));

        Assert.Empty(result.Errors);
        var trust = Assert.Single(result.Output);
        Assert.Equal(new[] { "SignerNotUploaded", "SignerExpired", "PublisherMismatch" }, Problems(trust));
        Assert.Equal(3, ((string[])trust.Prop("Reasons")!).Length);
    }

    [Fact]
    public void What_is_not_a_signed_package_gets_one_error_each_and_the_pipeline_goes_on()
    {
        Graph.Certificates.Add(Samples.Signer);
        var files = new[] { Samples.Executable, Samples.UnsignedPackage, Samples.DamagedPackage, Samples.SignerFile, Samples.BrokenZipPackage, Samples.BadManifestPackage, Samples.Package };

        var result = Ps.Run(FileItems + " | Test-EnterpriseCodeSigningPackage -Quiet", ("files", files));

        Assert.Equal(new[] { "FileNotPackage", "PackageNotSigned", "SignedFileSignatureDamaged", "FileNotPackage", "PackageDamaged", "PackageDamaged" }, result.ErrorIds);
        Assert.Equal(files[..6], result.Errors.Select(e => e.TargetObject));
        Assert.Contains("not well-formed XML", result.Errors[5].Exception.Message, StringComparison.Ordinal);
        Assert.Equal(new object[] { true }, result.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_package_whose_signer_certificate_is_damaged_is_SignedFileSignatureDamaged_as_New_reports_it_and_the_pipeline_goes_on()
    {
        Graph.Certificates.Add(Samples.Signer);
        Graph.Requests.Clear();

        var refused = Ps.Run("Test-EnterpriseCodeSigningPackage -Path $p", ("p", Samples.DamagedSignerPackage));

        Assert.Equal(new[] { "SignedFileSignatureDamaged" }, refused.ErrorIds);
        Assert.Equal(Samples.DamagedSignerPackage, refused.Errors[0].TargetObject);
        Assert.Equal(ErrorCategory.InvalidData, refused.Errors[0].CategoryInfo.Category);
        Assert.StartsWith("The signer certificate of '" + Samples.DamagedSignerPackage + "' is damaged: its Enhanced Key Usage extension (2.5.29.37) cannot be decoded", refused.Errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.Empty(refused.Output);
        Assert.Empty(Graph.Requests.All);

        var goesOn = Ps.Run(FileItems + " | Test-EnterpriseCodeSigningPackage -Quiet", ("files", new[] { Samples.DamagedSignerPackage, Samples.Package }));

        Assert.Equal(new[] { "SignedFileSignatureDamaged" }, goesOn.ErrorIds);
        Assert.Equal(new object[] { true }, goesOn.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Without_a_connection_bad_paths_are_still_reported_and_it_stops_before_reading_a_package()
    {
        Ps.Run("Disconnect-EnterpriseCodeSigning");
        var missing = Path.Combine(Samples.Directory, "Missing.msix");

        // Read, the unsigned package would be PackageNotSigned: NotConnected comes first, so it was not read.
        var result = Ps.Run("Test-EnterpriseCodeSigningPackage -LiteralPath $a, $b, $c, $d", ("a", missing), ("b", Samples.Directory), ("c", Samples.UnsignedPackage), ("d", Samples.Package));

        Assert.Equal(new[] { "CertificateFileNotFound", "CertificatePathIsDirectory", "NotConnected" }, result.ErrorIds);
        Assert.Equal(new object[] { missing, Samples.Directory }, result.Errors.Take(2).Select(e => e.TargetObject));
        Assert.Empty(result.Output);
    }

    [Fact]
    public void The_default_view_shows_each_package_its_verdict_and_its_problems()
    {
        var result = Ps.Run("Test-EnterpriseCodeSigningPackage $a, $b | Out-Default", ("a", Samples.ExpiredPackage), ("b", Samples.OtherSignerPackage));

        Assert.Empty(result.Errors);
        // The console's own rendering, less the ANSI colour of the header.
        var lines = Host.Lines.SelectMany(l => l.Split('\n')).Select(l => System.Text.RegularExpressions.Regex.Replace(l, "\u001b\\[[0-9;]*m", string.Empty).TrimEnd()).Where(l => l.Length > 0).ToList();
        Assert.Matches(@"^Name\s+IsTrusted\s+SignerThumbprint\s+Problems$", lines[0]);
        Assert.Matches(@"^Contoso\.Expired\.msix\s+False\s+" + Samples.ExpiredSigner.Thumbprint + @"\s+SignerNotUploaded, SignerExpired, PublisherMismatch$", lines[2]);
        Assert.Matches(@"^Contoso\.OtherSigner\.msix\s+False\s+" + Samples.OtherSigner.Thumbprint + @"\s+SignerNotUploaded$", lines[3]);
    }
}
