using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Cmdlets;

/// <summary>
/// Each bad input and each failed check: exactly one error with a stable id, a category and the input
/// as target, and the pipeline goes on with the next item.
/// </summary>
public sealed class InputErrorTests : EmulatedGraphTest
{
    public static TheoryData<string, string, ErrorCategory> FailedChecks => new()
    {
        { "expired", "CertificateExpired", ErrorCategory.InvalidData },
        { "server-auth", "CertificateNotForCodeSigning", ErrorCategory.InvalidData },
        { "ca", "CertificateIsAuthority", ErrorCategory.InvalidData },
    };

    [Theory]
    [MemberData(nameof(FailedChecks))]
    public void A_certificate_failing_a_check_is_one_error_and_the_pipeline_goes_on(string kind, string errorId, ErrorCategory category)
    {
        using var bad = MakeBad(kind);
        using var before = TestCertificates.CodeSigning("Before");
        using var after = TestCertificates.CodeSigning("After");

        var result = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", new[] { before, bad, after }));

        Assert.Equal(new[] { errorId }, result.ErrorIds);
        Assert.Equal(category, result.Errors[0].CategoryInfo.Category);
        Assert.Equal(bad.Thumbprint, Assert.IsType<X509Certificate2>(result.Errors[0].TargetObject).Thumbprint);
        Assert.False(string.IsNullOrEmpty(result.Errors[0].ErrorDetails?.RecommendedAction));
        Assert.Equal(new[] { "Before", "After" }, result.Output.Select(o => o.Text("SubjectName")));
        Assert.Equal(2, CertificateRequests("POST").Count);
    }

    [Theory]
    [MemberData(nameof(FailedChecks))]
    public void Force_uploads_a_certificate_that_fails_a_check_with_a_warning(string kind, string errorId, ErrorCategory category)
    {
        _ = errorId;
        _ = category;
        using var bad = MakeBad(kind);

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate -Force", ("c", bad));

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
        Assert.Single(result.Warnings);
        Assert.Single(CertificateRequests("POST"));
    }

    [Fact]
    public void A_certificate_not_yet_valid_is_uploaded_with_a_warning()
    {
        using var future = TestCertificates.NotYetValid();

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", future));

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
        Assert.Contains("not valid until", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_without_enhanced_key_usage_passes_the_checks()
    {
        using var anyUse = TestCertificates.NoEnhancedKeyUsage();

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", anyUse));

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
    }

    public static TheoryData<string, string, ErrorCategory> BadFiles => new()
    {
        { "missing", "CertificateFileNotFound", ErrorCategory.ObjectNotFound },
        { "directory", "CertificatePathIsDirectory", ErrorCategory.InvalidArgument },
        { "garbage", "CertificateFileUnreadable", ErrorCategory.InvalidData },
        { "truncated-der", "CertificateFileUnreadable", ErrorCategory.InvalidData },
        { "truncated-pem", "CertificateFileUnreadable", ErrorCategory.InvalidData },
        { "wrong-password", "CertificatePasswordIncorrect", ErrorCategory.SecurityError },
        { "no-password", "CertificatePasswordRequired", ErrorCategory.SecurityError },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_among_good_ones_is_one_error_with_its_path_as_target(string kind, string errorId, ErrorCategory category)
    {
        using var files = new TempDirectory();
        using var first = TestCertificates.CodeSigning("First File");
        using var last = TestCertificates.CodeSigning("Last File");
        var firstPath = files.Write("first.cer", first.RawData);
        var lastPath = files.Write("last.cer", last.RawData);
        var (badPath, password) = MakeBadFile(files, kind);

        var result = Ps.Run(
            "$paths | ForEach-Object { [pscustomobject]@{ PSPath = $_ } } | New-EnterpriseCodeSigningCertificate @extra",
            ("paths", new[] { firstPath, badPath, lastPath }),
            ("extra", password is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["Password"] = PsSession.Secure(password) }));

        Assert.Equal(new[] { errorId }, result.ErrorIds);
        Assert.Equal(category, result.Errors[0].CategoryInfo.Category);
        Assert.Equal(badPath, result.Errors[0].TargetObject);
        Assert.Equal(new[] { "First File", "Last File" }, result.Output.Select(o => o.Text("SubjectName")));
        if (password is not null)
        {
            Assert.DoesNotContain(password, result.AllText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_path_matching_nothing_is_one_error_and_the_other_paths_go_on()
    {
        using var files = new TempDirectory();
        using var certificate = TestCertificates.CodeSigning("Found");
        var found = files.Write("found.cer", certificate.RawData);
        var nothing = Path.Combine(files.Path, "nothing-*.cer");

        var result = Ps.Run("New-EnterpriseCodeSigningCertificate -Path $a, $b", ("a", nothing), ("b", found));

        Assert.Equal(new[] { "CertificateFileNotFound" }, result.ErrorIds);
        Assert.Equal(nothing, result.Errors[0].TargetObject);
        Assert.Equal("Found", result.Output.Single().Text("SubjectName"));
    }

    [Fact]
    public void A_null_in_the_pipeline_is_one_error_and_the_pipeline_goes_on()
    {
        using var a = TestCertificates.CodeSigning("Around Null A");
        using var b = TestCertificates.CodeSigning("Around Null B");

        var result = Ps.Run("@($a, $null, $b) | New-EnterpriseCodeSigningCertificate", ("a", a), ("b", b));

        Assert.Equal(new[] { "CertificateInputNull" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
        Assert.Equal(2, result.Output.Count);
    }

    [Fact]
    public void An_object_that_is_no_certificate_is_one_binding_error_with_it_as_target_and_the_pipeline_goes_on()
    {
        using var a = TestCertificates.CodeSigning("Around Object A");
        using var b = TestCertificates.CodeSigning("Around Object B");

        var result = Ps.Run("@($a, [pscustomobject]@{ Name = 'not a certificate' }, 42, $b) | New-EnterpriseCodeSigningCertificate", ("a", a), ("b", b));

        Assert.Equal(new[] { "InputObjectNotBound", "InputObjectNotBound" }, result.ErrorIds);
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category));
        Assert.Equal("not a certificate", ((PSObject)result.Errors[0].TargetObject).Text("Name"));
        Assert.Equal(42, result.Errors[1].TargetObject);
        Assert.Equal(new[] { "Around Object A", "Around Object B" }, result.Output.Select(o => o.Text("SubjectName")));
    }

    private static X509Certificate2 MakeBad(string kind) => kind switch
    {
        "expired" => TestCertificates.Expired(),
        "server-auth" => TestCertificates.ServerAuthOnly(),
        _ => TestCertificates.CertificateAuthority(),
    };

    private static (string Path, string? Password) MakeBadFile(TempDirectory files, string kind)
    {
        using var certificate = TestCertificates.CodeSigning("Bad File");
        return kind switch
        {
            "missing" => (Path.Combine(files.Path, "missing.cer"), null),
            "directory" => (Directory.CreateDirectory(Path.Combine(files.Path, "folder.cer")).FullName, null),
            "garbage" => (files.Write("garbage.cer", System.Text.Encoding.UTF8.GetBytes("this is not a certificate at all \u00e9")), null),
            "truncated-der" => (files.Write("truncated.cer", certificate.RawData[..(certificate.RawData.Length / 2)]), null),
            "truncated-pem" => (files.Write("truncated.pem", TestCertificates.Pem(certificate)[..200]), null),
            "wrong-password" => (files.Write("wrong.pfx", TestCertificates.Pfx(certificate, "right-password")), "wrong-password"),
            _ => (files.Write("locked.pfx", TestCertificates.Pfx(certificate, "right-password")), null),
        };
    }
}
