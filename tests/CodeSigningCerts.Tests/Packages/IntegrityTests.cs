using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Packages;

/// <summary>
/// Issue 24 end to end, through the cmdlets: a package changed after signing or with a signature that does not verify
/// is not trusted, each with its own reason; a time-stamped package outlives its signer; New- sends nothing for a file
/// that does not verify, unless -Force.
/// </summary>
public sealed class IntegrityTests : SignedPackageTest
{
    public IntegrityTests(SignedSamplesFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public void Test_names_a_package_changed_after_signing_and_one_whose_signature_does_not_verify_and_stamps_the_time_stamped_one()
    {
        Graph.Certificates.Add(Samples.Signer);
        Graph.Certificates.Add(Samples.ExpiredSigner, uploadDateTime: DateTimeOffset.UtcNow.AddDays(-3));

        var result = Ps.Run("Test-EnterpriseCodeSigningPackage -LiteralPath $a, $b, $c, $d", ("a", Samples.ChangedPackage), ("b", Samples.BadSignatureValuePackage), ("c", Samples.Package), ("d", Samples.TimeStampedExpiredPackage));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "ChangedAfterSigning" }, Problems(result.Output[0]));
        Assert.Contains("the content of its files (AXPC) is not what was signed", string.Join("\n", (string[])result.Output[0].Prop("Reasons")!), StringComparison.Ordinal);
        Assert.Equal(new[] { "SignatureNotValid" }, Problems(result.Output[1]));
        Assert.Equal(false, result.Output[1].Prop("IsVerified"));
        Assert.Empty(Problems(result.Output[2]));
        Assert.Equal(true, result.Output[2].Prop("IsVerified"));

        // Signed and stamped a month before its signer expired: not SignerExpired (only SignerNotLatestUploaded).
        Assert.Equal(new[] { "SignerNotLatestUploaded" }, Problems(result.Output[3]));
        var stamped = Assert.IsType<DateTime>(result.Output[3].Prop("TimeStamp"));
        Assert.InRange(stamped, Samples.ExpiredSigner.NotAfter.ToUniversalTime().AddDays(-31), Samples.ExpiredSigner.NotAfter.ToUniversalTime().AddDays(-29));
    }

    [Fact]
    public void New_sends_nothing_for_files_that_do_not_verify_one_error_each_and_Force_uploads_the_signer_with_a_warning()
    {
        var files = new[] { Samples.ChangedPackage, Samples.BadSignatureValuePackage, Samples.ChangedExecutable, Samples.ChangedScript };

        var refused = Ps.Run("New-EnterpriseCodeSigningCertificate -LiteralPath $files", ("files", files));

        Assert.Equal(Enumerable.Repeat("SignedFileNotVerified", 4), refused.ErrorIds);
        Assert.Equal(files, refused.Errors.Select(e => e.TargetObject));
        Assert.All(refused.Errors, e => Assert.Equal(ErrorCategory.SecurityError, e.CategoryInfo.Category));
        Assert.Contains("changed after it was signed", refused.Errors[0].Exception.Message, StringComparison.Ordinal);
        Assert.Contains("does not verify", refused.Errors[1].Exception.Message, StringComparison.Ordinal);
        Assert.Contains("its image", refused.Errors[2].Exception.Message, StringComparison.Ordinal);
        Assert.Contains("its text", refused.Errors[3].Exception.Message, StringComparison.Ordinal);
        Assert.Empty(Uploaded());

        var forced = Ps.Run("New-EnterpriseCodeSigningCertificate -LiteralPath $f -Force", ("f", Samples.ChangedScript));

        Assert.Empty(forced.Errors);
        Assert.Equal(new[] { Convert.ToBase64String(Samples.Signer.RawData) }, Uploaded());
        Assert.Contains(forced.Warnings, w => w.Contains("Uploading its signer because -Force was given", StringComparison.Ordinal));
    }
}
