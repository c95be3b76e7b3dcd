using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Faults;
using GraphEmulator.Graph;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>
/// What the real service does (issue 13) and the module must survive, over real HTTP: a limiter whose Retry-After is
/// rounded down to 0, gateways that lose the answer to a write they carried out, listings that lag, DNs spelled
/// otherwise with content null, Intune's JSON-in-message errors, two runs uploading the same certificates at once.
/// (Retry-After to the millisecond, fractions and zero, and lost answers against a lagging listing: the unit tier, in
/// virtual time.)
/// </summary>
public sealed class ServiceFidelityTests : EmulatedGraphTest
{
    [Fact]
    public void A_limiter_that_rounds_its_Retry_After_down_to_0_loses_no_certificate()
    {
        // Dev Proxy's RateLimitingPlugin in small: 3 writes per 2 s, the time left truncated to whole seconds.
        Graph.Options.WriteLimit = 3;
        Graph.Options.WriteWindow = TimeSpan.FromSeconds(2);
        Graph.Options.RetryAfterStyle = RetryAfterStyle.WholeSecondsDown;
        Ps.Connect(Graph.BaseUri, Graph.AccessToken, "-WriteLimit 0");
        var certificates = CertificateBatch.CodeSigning(8, "Rounded Down");

        var result = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));

        Assert.Empty(result.Errors);
        Assert.Equal(8, result.Output.Count);
        Assert.Contains(Graph.Requests.All, r => r.ResponseStatus == 429 && r.RetryAfter == TimeSpan.Zero);
        Assert.Equal(8, Graph.Certificates.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_gateway_that_loses_the_answer_to_an_upload_it_carried_out_leaves_one_entry(bool gatewayTimeout)
    {
        using var certificate = TestCertificates.CodeSigning("Gateway Lost It");
        Graph.Faults.Enqueue(gatewayTimeout ? Fault.GatewayTimeout() : Fault.BadGateway(), "POST");

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Empty(result.Errors);
        var stored = Assert.Single(Graph.Certificates.All);
        Assert.Equal(stored.Id, result.Output.Single().Text("Id"));
        Assert.Single(CertificateRequests("POST"));
    }

    [Theory]
    // The service's spelling and the one farthest from it; the unit tier matches the others (TenantCertificatesTests, DistinguishedNameTests).
    [InlineData(DnSpelling.Service)]
    [InlineData(DnSpelling.OpenSslSlashes)]
    public void With_content_null_a_certificate_the_service_spells_otherwise_is_recognised_and_a_renewal_supersedes_it(DnSpelling spelling)
    {
        Graph.Options.SubjectSpelling = spelling;
        using var old = TestCertificates.CodeSigning("\"Spelled Otherwise, Inc\"", validDays: 30);
        using var renewal = TestCertificates.CodeSigning("\"Spelled Otherwise, Inc\"", validDays: 365);
        Assert.Empty(Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", old)).Errors);
        Assert.Equal(DnSpellings.Spell(old.SubjectName, spelling), Assert.Single(Graph.Certificates.All).Subject);
        Thread.Sleep(Graph.Options.ListingLag);
        using var nextDay = new PsSession();
        nextDay.Connect(Graph.BaseUri, Graph.AccessToken);

        var again = nextDay.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", old));
        var rolled = nextDay.Run("$c | New-EnterpriseCodeSigningCertificate -RemoveSuperseded", ("c", renewal));

        Assert.Empty(again.Errors);
        Assert.Contains("already uploaded", Assert.Single(again.Warnings), StringComparison.Ordinal);
        Assert.Empty(rolled.Errors);
        var remaining = Assert.Single(Graph.Certificates.All);
        Assert.Equal(renewal.RawData, remaining.Content);
    }

    [Fact]
    public void Intunes_JSON_in_the_error_message_is_shown_as_its_sentence_and_Activity_ID()
    {
        Graph.Faults.Enqueue(Fault.ErrorStatus(500, "InternalServerError"), "GET");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate");

        var message = Assert.Single(result.Errors).ErrorDetails!.Message;
        Assert.Contains("Activity ID: ", message, StringComparison.Ordinal);
        Assert.Contains("A scripted 500 InternalServerError", message, StringComparison.Ordinal);
        Assert.DoesNotContain("_version", message, StringComparison.Ordinal);
        Assert.DoesNotContain("{", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_runs_that_each_list_the_tenant_before_the_other_uploads_then_a_third_leave_one_entry_each()
    {
        // The race made to happen, not hoped for: while the listing lags a minute, neither run's listing can show the
        // other's uploads however the two are scheduled, so each uploads every certificate. The third run lists once
        // the lag is over, as a run the next day would, and must heal every copy.
        Graph.Options.ListingLag = TimeSpan.FromMinutes(1);
        var certificates = CertificateBatch.CodeSigning(30, "Two Runbooks");
        using var other = new PsSession();
        other.Connect(Graph.BaseUri, Graph.AccessToken);

        var runs = new[] { Ps, other }.Select(session => Task.Run(() => session.Run("$certs | New-EnterpriseCodeSigningCertificate -WarningAction SilentlyContinue", ("certs", certificates)))).ToArray();
        var results = await Task.WhenAll(runs);
        var raced = Graph.Certificates.All;
        Graph.Options.ListingLag = TimeSpan.Zero;
        var third = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate; $?", ("certs", certificates));

        Assert.All(results, run => Assert.Empty(run.Errors));
        Assert.All(results, run => Assert.Equal(30, run.Output.Count));
        Assert.Equal(60, raced.Count);
        Assert.Empty(third.Errors);
        Assert.True((bool)third.Output.Last().BaseObject, "$? after the third run");
        Assert.Equal(
            certificates.Select(c => c.Thumbprint).Order(),
            Graph.Certificates.All.Select(s => s.ToX509()!.Thumbprint).Order());
        // Each copy went by a DELETE of its own, each certificate kept one entry, and the third run said so for each.
        var deleted = CertificateRequests("DELETE").Select(r => r.Path[(r.Path.LastIndexOf('/') + 1)..]).ToList();
        Assert.Equal(30, deleted.Count);
        Assert.Equal(raced.Select(e => e.Id).Order(), deleted.Concat(Graph.Certificates.All.Select(e => e.Id)).Order());
        Assert.Equal(30, third.Warnings.Count(w => w.Contains("removed", StringComparison.Ordinal)));
    }
}
