using CodeSigningCerts.Certificates;

namespace CodeSigningCerts.UnitTests;

/// <summary>The checks before an upload: the first that fails names its error id; a future certificate only warns.</summary>
public sealed class CertificateChecksTests
{
    private static readonly DateTime Now = DateTime.UtcNow;

    [Fact]
    public void A_code_signing_leaf_passes()
    {
        using var certificate = MadeCertificates.Make("CN=Good", DateTimeOffset.UtcNow.AddDays(30));

        Assert.Null(CertificateChecks.FindProblem(certificate, Now));
        Assert.Null(CertificateChecks.NotYetValidWarning(certificate, Now));
    }

    [Fact]
    public void Expiry_is_checked_first()
    {
        using var certificate = MadeCertificates.Make("CN=Old CA", DateTimeOffset.UtcNow.AddDays(-1), eku: "1.3.6.1.5.5.7.3.1", isCa: true, notBefore: DateTimeOffset.UtcNow.AddDays(-30));

        Assert.Equal(ErrorIds.CertificateExpired, CertificateChecks.FindProblem(certificate, Now)?.ErrorId);
    }

    [Theory]
    [InlineData("1.3.6.1.5.5.7.3.1", false, ErrorIds.CertificateNotForCodeSigning)]
    [InlineData(null, true, ErrorIds.CertificateIsAuthority)]
    [InlineData("2.5.29.37.0", false, null)]
    public void A_certificate_for_another_use_or_an_authority_is_refused(string? eku, bool isCa, string? errorId)
    {
        using var certificate = MadeCertificates.Make("CN=Checked", DateTimeOffset.UtcNow.AddDays(30), eku, isCa);

        var problem = CertificateChecks.FindProblem(certificate, Now);

        Assert.Equal(errorId, problem?.ErrorId);
        if (problem is not null)
        {
            Assert.Contains(certificate.Thumbprint, problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_certificate_not_valid_yet_is_a_warning_not_a_problem()
    {
        using var certificate = MadeCertificates.Make("CN=Future", DateTimeOffset.UtcNow.AddDays(300), notBefore: DateTimeOffset.UtcNow.AddDays(5));

        Assert.Null(CertificateChecks.FindProblem(certificate, Now));
        Assert.Contains("is not valid until", CertificateChecks.NotYetValidWarning(certificate, Now), StringComparison.Ordinal);
    }

    [Fact]
    public void The_gate_refuses_a_failed_check_and_with_Force_lets_it_through_with_a_warning()
    {
        using var expired = MadeCertificates.Make("CN=Expired", DateTimeOffset.UtcNow.AddDays(-1), notBefore: DateTimeOffset.UtcNow.AddDays(-30));
        var warnings = new List<string>();

        var refused = CertificateChecks.Gate(expired, force: false, Now, warnings.Add);
        var forced = CertificateChecks.Gate(expired, force: true, Now, warnings.Add);

        Assert.Equal(ErrorIds.CertificateExpired, refused?.ErrorId);
        Assert.Null(forced);
        Assert.Contains("because -Force was given", Assert.Single(warnings), StringComparison.Ordinal);
    }
}
