using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Graph;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>
/// A runbook that uploads the store's code-signing certificates every day is safe and quiet to re-run: what is already
/// in Intune is said once per certificate as a warning and not uploaded twice, -RemoveSuperseded rolls renewals over,
/// and each command reads the tenant as it is then: one listing before its first upload, nothing after its last.
/// </summary>
public sealed class ReRunTests : EmulatedGraphTest
{
    /// <summary>The next day: the listing shows what the last run created (it lags behind a create).</summary>
    private void NextDay() => Thread.Sleep(Graph.Options.ListingLag);

    [Fact]
    public void Re_running_a_pipeline_warns_once_per_certificate_outputs_what_is_there_and_sends_no_write()
    {
        var certificates = CertificateBatch.CodeSigning(3, "Daily");
        var first = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));
        NextDay();
        Graph.Requests.Clear();

        var again = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate; $?", ("certs", certificates));

        Assert.Empty(first.Errors);
        Assert.Empty(again.Errors);
        Assert.True((bool)again.Output.Last().BaseObject, "$? is true: nothing failed");
        Assert.Equal(first.Output.Select(o => o.Text("Id")), again.Output.SkipLast(1).Select(o => o.Text("Id")));
        Assert.Equal(3, again.Warnings.Count);
        Assert.All(again.Warnings, w => Assert.Contains("already uploaded", w, StringComparison.Ordinal));
        Assert.Contains(first.Output[0].Text("Id")!, again.Warnings[0], StringComparison.Ordinal);
        Assert.Equal(new[] { "GET" }, Graph.Requests.All.Select(r => r.Method));
        Assert.Equal(3, Graph.Certificates.Count);
    }

    [Fact]
    public void A_command_sends_one_listing_before_its_first_upload_and_nothing_after_its_last()
    {
        using var certificate = TestCertificates.CodeSigning("New Then Removed");

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate | Remove-EnterpriseCodeSigningCertificate -Confirm:$false", ("c", certificate));

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "GET", "POST", "DELETE" }, Graph.Requests.All.Select(r => r.Method));
        Assert.Equal(0, Graph.Certificates.Count);
    }

    [Fact]
    public void A_certificate_removed_elsewhere_is_uploaded_again_by_the_next_command()
    {
        using var certificate = TestCertificates.CodeSigning("Removed Elsewhere");
        var created = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate)).Output.Single();
        using (var elsewhere = new PsSession())
        {
            elsewhere.Connect(Graph.BaseUri, Graph.AccessToken);
            elsewhere.Run("Remove-EnterpriseCodeSigningCertificate -Id $id -Confirm:$false", ("id", created.Text("Id")));
        }

        // Past the listing's lag: the entry would show now, had it not been removed.
        NextDay();
        var again = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Empty(again.Errors);
        Assert.Empty(again.Warnings);
        Assert.NotEqual(created.Text("Id"), again.Output.Single().Text("Id"));
        Assert.Single(Graph.Certificates.All);
    }

    [Fact]
    public void A_certificate_is_recognised_as_uploaded_when_Graph_returns_no_content()
    {
        Graph.Options.NullContentInResponses = true;
        using var certificate = TestCertificates.CodeSigning("Content Cleared");
        var first = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));
        NextDay();

        var again = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Empty(first.Errors);
        Assert.Equal("Content Cleared", first.Output.Single().Text("SubjectName"));
        Assert.Empty(again.Errors);
        Assert.Contains("already uploaded", Assert.Single(again.Warnings), StringComparison.Ordinal);
        Assert.Single(Graph.Certificates.All);
    }

    [Fact]
    public void Copies_a_race_left_are_removed_with_a_warning_naming_what_was_kept_and_a_look_alike_is_left()
    {
        using var certificate = TestCertificates.CodeSigning("Raced");
        var firstUpload = DateTimeOffset.UtcNow.AddDays(-1);
        var kept = Graph.Certificates.Add(certificate, uploadDateTime: firstUpload);
        var copy = Graph.Certificates.Add(certificate, uploadDateTime: firstUpload.AddSeconds(2));
        var lookAlike = Graph.Certificates.Add(certificate, uploadDateTime: firstUpload.AddHours(3));

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Empty(result.Errors);
        Assert.Equal(kept.Id, result.Output.Single().Text("Id"));
        Assert.Equal(new[] { copy.Id }, CertificateRequests("DELETE").Select(d => d.Path.Split('/').Last()));
        Assert.Equal(new[] { kept.Id, lookAlike.Id }.Order(), Graph.Certificates.All.Select(s => s.Id).Order());
        Assert.Contains(result.Warnings, w => w.Contains("kept", StringComparison.Ordinal) && w.Contains(kept.Id, StringComparison.Ordinal) && w.Contains("removed " , StringComparison.Ordinal) && w.Contains(copy.Id, StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("left as it is", StringComparison.Ordinal) && w.Contains(lookAlike.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void Force_uploads_a_certificate_that_is_already_there()
    {
        var certificates = CertificateBatch.CodeSigning(2, "Forced");
        Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));
        NextDay();

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
    public void The_daily_roll_over_runbook_keeps_only_the_newest_certificate_and_a_rerun_is_quiet()
    {
        using var old = TestCertificates.CodeSigning("Contoso Signing", validDays: 30);
        using var renewal = TestCertificates.CodeSigning("Contoso Signing", validDays: 365);
        Graph.Certificates.Add(old);
        var store = new[] { old, renewal };

        var rollOver = Ps.Run("$store | New-EnterpriseCodeSigningCertificate -RemoveSuperseded", ("store", store));
        NextDay();
        Graph.Requests.Clear();
        var nextDay = Ps.Run("$store | New-EnterpriseCodeSigningCertificate -RemoveSuperseded; $?", ("store", store));

        // Day one: the old one is already there (said, not uploaded), the renewal is uploaded and replaces it.
        Assert.Empty(rollOver.Errors);
        Assert.Equal(renewal.Thumbprint, rollOver.Output.Last().Text("Thumbprint"));
        // Day two: the old one must not come back (Intune deploys the latest upload), the renewal is there: two warnings, no error.
        Assert.Empty(nextDay.Errors);
        Assert.True((bool)nextDay.Output.Last().BaseObject, "$? is true: nothing failed");
        Assert.Equal(2, nextDay.Warnings.Count);
        Assert.Contains("superseded by", nextDay.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("already uploaded", nextDay.Warnings[1], StringComparison.Ordinal);
        Assert.Empty(CertificateRequests("POST"));
        Assert.Empty(CertificateRequests("DELETE"));
        var remaining = Assert.Single(Graph.Certificates.All);
        Assert.Equal(renewal.RawData, remaining.Content);
    }
}
