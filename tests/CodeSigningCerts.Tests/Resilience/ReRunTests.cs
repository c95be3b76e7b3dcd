using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Graph;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>
/// A runbook that uploads the store's code-signing certificates every day is safe to re-run: what is
/// already in Intune is refused, not uploaded twice, and -RemoveSuperseded rolls renewals over.
/// </summary>
public sealed class ReRunTests : EmulatedGraphTest
{
    /// <summary>Listings of the whole tenant: the cost that grows with it (a $filter for one subject name does not).</summary>
    private IReadOnlyList<RecordedRequest> TenantListings() =>
        CertificateRequests("GET").Where(r => !r.Path.Contains("filter", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Re_running_a_pipeline_uploads_nothing_new_refuses_each_certificate_and_lists_the_tenant_once()
    {
        var certificates = CertificateBatch.CodeSigning(3, "Daily");
        var first = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));
        Graph.Requests.Clear();

        var again = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));

        Assert.Empty(first.Errors);
        Assert.Equal(3, first.Output.Count);
        Assert.Empty(again.Output);
        Assert.Equal(Enumerable.Repeat("CertificateAlreadyUploaded", 3), again.ErrorIds);
        Assert.All(again.Errors, e => Assert.Equal(ErrorCategory.ResourceExists, e.CategoryInfo.Category));
        Assert.Equal(certificates, again.Errors.Select(e => e.TargetObject));
        Assert.Contains(first.Output[0].Text("Id")!, again.Errors[0].ErrorDetails!.Message, StringComparison.Ordinal);
        Assert.Empty(CertificateRequests("POST"));
        Assert.True(CertificateRequests("GET").Count <= 1, "the re-run lists the tenant at most once (none while the connection's listing is recent)");
        Assert.Equal(3, Graph.Certificates.Count);
    }

    [Fact]
    public void A_re_run_in_a_new_session_lists_the_tenant_once_and_refuses_each_certificate()
    {
        var certificates = CertificateBatch.CodeSigning(3, "Next Day");
        Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));
        using var nextDay = new PsSession();
        nextDay.Connect(Graph.BaseUri, Graph.AccessToken);
        Graph.Requests.Clear();

        var again = nextDay.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));

        Assert.Equal(Enumerable.Repeat("CertificateAlreadyUploaded", 3), again.ErrorIds);
        Assert.Single(CertificateRequests("GET"));
        Assert.Empty(CertificateRequests("POST"));
    }

    [Fact]
    public void A_loop_of_single_New_calls_lists_the_tenant_once_not_once_per_call()
    {
        var certificates = CertificateBatch.CodeSigning(5, "Loop");

        var result = Ps.Run("foreach ($c in $certs) { $c | New-EnterpriseCodeSigningCertificate }", ("certs", certificates));

        Assert.Empty(result.Errors);
        Assert.Equal(5, result.Output.Count);
        // One listing of the tenant; each call's check for copies asks Graph only for its certificate's subject name.
        Assert.Single(TenantListings());
        Assert.Equal(5, CertificateRequests("POST").Count);
    }

    [Fact]
    public void After_a_removal_the_next_New_lists_the_tenant_afresh()
    {
        var certificates = CertificateBatch.CodeSigning(1, "Removed Then Back");
        var created = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates)).Output.Single();
        Ps.Run("Remove-EnterpriseCodeSigningCertificate -Id $id -Confirm:$false", ("id", created.Text("Id")));
        Graph.Requests.Clear();

        var again = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));

        Assert.Empty(again.Errors);
        Assert.Single(again.Output);
        Assert.Single(TenantListings());
    }

    [Fact]
    public void A_certificate_is_recognised_as_uploaded_when_Graph_returns_no_content()
    {
        Graph.Options.NullContentInResponses = true;
        using var certificate = TestCertificates.CodeSigning("Content Cleared");
        Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        var again = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Equal(new[] { "CertificateAlreadyUploaded" }, again.ErrorIds);
        Assert.Single(Graph.Certificates.All);
    }

    [Fact]
    public void Force_uploads_a_certificate_that_is_already_there()
    {
        var certificates = CertificateBatch.CodeSigning(2, "Forced");
        Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));

        var forced = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate -Force", ("certs", certificates));

        Assert.Empty(forced.Errors);
        Assert.Equal(2, forced.Output.Count);
        Assert.Equal(4, Graph.Certificates.Count);
        Assert.Equal(4, CertificateRequests("POST").Count);
    }

    [Fact]
    public void RemoveSuperseded_removes_exactly_the_older_certificates_with_the_same_subject()
    {
        using var olderA = TestCertificates.CodeSigning("Contoso Signing", validDays: 30);
        using var olderB = TestCertificates.CodeSigning("Contoso Signing", validDays: 90);
        using var otherSubject = TestCertificates.CodeSigning("Fabrikam Signing", validDays: 10);
        using var renewal = TestCertificates.CodeSigning("Contoso Signing", validDays: 365);
        var a = Graph.Certificates.Add(olderA);
        var b = Graph.Certificates.Add(olderB);
        var other = Graph.Certificates.Add(otherSubject);

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate -RemoveSuperseded", ("c", renewal));

        Assert.Empty(result.Errors);
        var created = result.Output.Single();
        Assert.Equal(renewal.Thumbprint, created.Text("Thumbprint"));
        Assert.Equal(new[] { created.Text("Id"), other.Id }.Order(), Graph.Certificates.All.Select(s => s.Id).Order());
        Assert.Equal(new[] { a.Id, b.Id }.Order(), CertificateRequests("DELETE").Select(d => d.Path.Split('/').Last()).Order());
    }

    [Fact]
    public void RemoveSuperseded_with_WhatIf_shows_the_upload_and_each_removal_and_changes_nothing()
    {
        using var older = TestCertificates.CodeSigning("Contoso Signing", validDays: 30);
        using var renewal = TestCertificates.CodeSigning("Contoso Signing", validDays: 365);
        var stored = Graph.Certificates.Add(older);
        var host = new TestHost();
        using var console = new PsSession(host: host);
        console.Connect(Graph.BaseUri, Graph.AccessToken);

        var result = console.Run("$c | New-EnterpriseCodeSigningCertificate -RemoveSuperseded -WhatIf", ("c", renewal));

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        var whatIf = host.Lines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, whatIf.Count);
        Assert.Contains("Upload", whatIf[0], StringComparison.Ordinal);
        Assert.Contains("Remove the superseded", whatIf[1], StringComparison.Ordinal);
        Assert.Contains(stored.Id, whatIf[1], StringComparison.Ordinal);
        Assert.Empty(CertificateRequests("POST"));
        Assert.Empty(CertificateRequests("DELETE"));
        Assert.Equal(new[] { stored.Id }, Graph.Certificates.All.Select(s => s.Id));
    }

    [Fact]
    public void The_daily_roll_over_runbook_keeps_only_the_newest_certificate_and_a_rerun_changes_nothing()
    {
        using var old = TestCertificates.CodeSigning("Contoso Signing", validDays: 30);
        using var renewal = TestCertificates.CodeSigning("Contoso Signing", validDays: 365);
        Graph.Certificates.Add(old);
        var store = new[] { old, renewal };

        var rollOver = Ps.Run("$store | New-EnterpriseCodeSigningCertificate -RemoveSuperseded", ("store", store));
        Graph.Requests.Clear();
        var nextDay = Ps.Run("$store | New-EnterpriseCodeSigningCertificate -RemoveSuperseded", ("store", store));

        // Day one: the old one is already there (refused), the renewal is uploaded and replaces it.
        Assert.Equal(new[] { "CertificateAlreadyUploaded" }, rollOver.ErrorIds);
        Assert.Equal(renewal.Thumbprint, rollOver.Output.Single().Text("Thumbprint"));
        // Day two: the old one must not come back (Intune deploys the latest upload), the renewal is there.
        Assert.Equal(new[] { "CertificateSuperseded", "CertificateAlreadyUploaded" }, nextDay.ErrorIds);
        Assert.Same(old, nextDay.Errors[0].TargetObject);
        Assert.Equal(ErrorCategory.ResourceExists, nextDay.Errors[0].CategoryInfo.Category);
        Assert.Empty(CertificateRequests("POST"));
        Assert.Empty(CertificateRequests("DELETE"));
        var remaining = Assert.Single(Graph.Certificates.All);
        Assert.Equal(renewal.RawData, remaining.Content);
    }
}
