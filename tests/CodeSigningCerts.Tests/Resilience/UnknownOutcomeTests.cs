using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Faults;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>
/// A POST whose answer is lost may or may not have created the certificate: New- looks before it sends
/// again, so the tenant ends with exactly one.
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

    [Theory]
    [InlineData(FaultKind.ResetBeforeProcessing)]
    [InlineData(FaultKind.MalformedJson)]
    [InlineData(FaultKind.SlowResponse)]
    public void A_certificate_that_was_not_created_when_the_answer_was_lost_is_sent_once_more(FaultKind kind)
    {
        Ps.Connect(Graph.BaseUri, Graph.AccessToken, "-RequestTimeout 00:00:01");
        using var certificate = TestCertificates.CodeSigning("Sent Twice");
        Graph.Faults.Enqueue(kind == FaultKind.SlowResponse ? Fault.SlowResponse(3000) : Fault.Of(kind), "POST");

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Empty(result.Errors);
        var stored = Assert.Single(Graph.Certificates.All);
        Assert.Equal(stored.Id, result.Output.Single().Text("Id"));
        Assert.Equal(2, CertificateRequests("POST").Count);
    }

    [Fact]
    public void With_Force_an_identical_certificate_already_there_is_not_mistaken_for_the_one_just_created()
    {
        using var certificate = TestCertificates.CodeSigning("Second Copy");
        var first = Graph.Certificates.Add(certificate);
        Graph.Faults.Enqueue(Fault.ResetBeforeProcessing(), "POST");

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate -Force", ("c", certificate));

        Assert.Empty(result.Errors);
        Assert.Equal(2, Graph.Certificates.Count);
        var second = Graph.Certificates.All.Single(s => s.Id != first.Id);
        Assert.Equal(second.Id, result.Output.Single().Text("Id"));
        Assert.Equal(2, CertificateRequests("POST").Count);
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
        Assert.Equal(new[] { "CertificateAlreadyUploaded" }, rerun.ErrorIds);
        Assert.Single(Graph.Certificates.All);
        Assert.Single(CertificateRequests("POST"));
    }
}
