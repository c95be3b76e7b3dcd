using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator;
using GraphEmulator.Faults;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>The bearer token goes only to the connected Graph host: links and redirects elsewhere are refused, not followed.</summary>
public sealed class ForeignHostTests : EmulatedGraphTest, IAsyncLifetime
{
    private ForeignHostRecorder _foreign = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _foreign = await GraphEmulatorServer.StartForeignHostAsync();
        Graph.Faults.ForeignHost = _foreign.BaseUri;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _foreign.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public void A_nextLink_to_another_host_is_not_followed_and_the_user_gets_GraphForeignLinkRefused()
    {
        Graph.Certificates.Add(null, subjectName: "First Page");
        Graph.Faults.Enqueue(FaultKind.ForeignNextLink);

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate");

        Assert.Equal(new[] { "First Page" }, result.Output.Select(o => o.Text("SubjectName")));
        Assert.Equal(new[] { "GraphForeignLinkRefused" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.SecurityError, result.Errors[0].CategoryInfo.Category);
        Assert.Contains(_foreign.BaseUri.GetLeftPart(UriPartial.Authority), result.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Empty(_foreign.Requests.All);
    }

    [Fact]
    public void A_redirect_to_another_host_is_not_followed_and_the_user_gets_GraphForeignLinkRefused()
    {
        var stored = Graph.Certificates.Add(null, subjectName: "Redirected");
        Graph.Faults.Enqueue(Fault.ForeignRedirect(), "GET");

        var read = Ps.Run("Get-EnterpriseCodeSigningCertificate -Id $id", ("id", stored.Id));

        Assert.Empty(read.Output);
        Assert.Equal(new[] { "GraphForeignLinkRefused" }, read.ErrorIds);
        Assert.Equal(ErrorCategory.SecurityError, read.Errors[0].CategoryInfo.Category);
        Assert.Equal(stored.Id, read.Errors[0].TargetObject);
        Assert.Contains(_foreign.BaseUri.GetLeftPart(UriPartial.Authority), read.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Single(CertificateRequests("GET"));
        Assert.Empty(_foreign.Requests.All);
    }

    [Fact]
    public void A_redirected_upload_is_refused_and_sends_nothing_to_the_other_host()
    {
        using var certificate = TestCertificates.CodeSigning("Redirected Upload");
        Graph.Faults.Enqueue(Fault.ForeignRedirect(), "POST");

        var upload = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Equal(new[] { "GraphForeignLinkRefused" }, upload.ErrorIds);
        Assert.Contains("redirect", upload.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Contains(_foreign.BaseUri.GetLeftPart(UriPartial.Authority), upload.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Single(CertificateRequests("POST"));
        Assert.Empty(_foreign.Requests.All);
        Assert.Empty(Graph.Certificates.All);
    }
}
