using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Faults;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>
/// A POST whose answer is lost over a real connection may or may not have created the certificate: New- looks before it
/// sends again, so the tenant ends with exactly one. (What waits out the listing allowance, an upload never created and
/// sent again, -Force beside an identical entry, every kind of lost answer, is in the unit tier, in virtual time.)
/// </summary>
public sealed class UnknownOutcomeTests : EmulatedGraphTest
{
    [Fact]
    public void A_created_certificate_whose_answer_was_lost_is_found_and_emitted_not_sent_again()
    {
        using var certificate = TestCertificates.CodeSigning("Lost Answer");
        Graph.Faults.Enqueue(Fault.ResetAfterProcessing(), "POST");

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate -Verbose", ("c", certificate));

        Assert.Empty(result.Errors);
        var stored = Assert.Single(Graph.Certificates.All);
        Assert.Equal(stored.Id, result.Output.Single().Text("Id"));
        Assert.Equal(certificate.Thumbprint, result.Output.Single().Text("Thumbprint"));
        Assert.Single(CertificateRequests("POST"));
        Assert.Contains(result.Verbose, v => v.Contains("had created", StringComparison.Ordinal));
    }

    [Fact]
    public void When_the_lookup_fails_too_the_error_says_the_outcome_is_unknown_and_a_rerun_is_safe()
    {
        using var certificate = TestCertificates.CodeSigning("Unknown Outcome");
        Graph.Faults.Enqueue(Fault.SlowResponse(0), "GET"); // the first listing goes through
        Graph.Faults.Enqueue(Fault.ErrorStatus(500, "InternalServerError"), "GET"); // the lookup after the lost answer fails
        Graph.Faults.Enqueue(Fault.ResetAfterProcessing(), "POST");

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));
        // The re-run a user makes once the listing shows what was created (it lags behind a create).
        Thread.Sleep(Graph.Options.ListingLag);
        var rerun = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Equal(new[] { "CertificateUploadOutcomeUnknown" }, result.ErrorIds);
        var error = result.Errors[0];
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Same(certificate, error.TargetObject);
        Assert.Contains("may or may not have happened", error.ErrorDetails!.Message, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.Empty(rerun.Errors);
        Assert.Contains("already uploaded", Assert.Single(rerun.Warnings), StringComparison.Ordinal);
        Assert.Equal(Assert.Single(Graph.Certificates.All).Id, rerun.Output.Single().Text("Id"));
        Assert.Single(CertificateRequests("POST"));
    }
}
