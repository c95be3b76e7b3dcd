using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Cmdlets;

/// <summary>Get- (all pages, or by id) and Remove- (with confirmation).</summary>
public sealed class GetRemoveTests : EmulatedGraphTest
{
    [Fact]
    public void Get_follows_every_nextLink_and_returns_every_certificate_in_the_order_Graph_listed_them()
    {
        // Each page is written by the pipeline thread from what the listing posts it while it runs (GraphCmdlet.Await):
        // every page, each once, in the order the pages came.
        Graph.Options.PageSize = 2;
        var ids = Enumerable.Range(1, 41)
            .Select(i => Graph.Certificates.Add(null, subjectName: "Seeded " + i, expirationDateTime: DateTimeOffset.UtcNow.AddDays(i)).Id)
            .ToList();

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate");

        Assert.Empty(result.Errors);
        Assert.Equal(ids, result.Output.Select(o => o.Text("Id")!));
        Assert.Equal(21, CertificateRequests("GET").Count);
    }

    [Fact]
    public void Get_by_id_returns_that_one_and_an_unknown_id_is_one_error()
    {
        var stored = Graph.Certificates.Add(null, subjectName: "By Id");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate -Id $a, 'missing-id'", ("a", stored.Id));

        Assert.Equal("By Id", result.Output.Single().Text("SubjectName"));
        Assert.Equal(new[] { "CertificateNotFound" }, result.ErrorIds);
        Assert.Equal("missing-id", result.Errors[0].TargetObject);
    }

    [Fact]
    public void DaysLeft_counts_whole_days_to_expiry_negative_once_expired_and_filters_in_one_line()
    {
        var soon = Graph.Certificates.Add(null, subjectName: "Soon", expirationDateTime: DateTimeOffset.UtcNow.AddDays(10.5)).Id;
        Graph.Certificates.Add(null, subjectName: "Later", expirationDateTime: DateTimeOffset.UtcNow.AddDays(400));
        var gone = Graph.Certificates.Add(null, subjectName: "Gone", expirationDateTime: DateTimeOffset.UtcNow.AddDays(-3.5)).Id;

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate | Where-Object DaysLeft -lt 30 | ForEach-Object { '{0}={1}' -f $_.Id, $_.DaysLeft }");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { gone + "=-4", soon + "=10" }.Order(), result.Output.Select(o => o.ToString()).Order());
    }

    [Fact]
    public void A_status_from_the_future_is_kept()
    {
        var stored = Graph.Certificates.Add(null, subjectName: "Future Status", status: "quarantined");

        var result = Ps.Run("(Get-EnterpriseCodeSigningCertificate -Id $a).Status.ToString()", ("a", stored.Id));

        Assert.Empty(result.Errors);
        Assert.Equal("quarantined", result.Output.Single().ToString());
    }

    [Fact]
    public void Remove_asks_for_confirmation_and_a_no_leaves_the_certificate()
    {
        var stored = Graph.Certificates.Add(null, subjectName: "Keep Me");
        var host = new TestHost(answerYes: false);
        using var console = new PsSession(host: host);
        console.Connect(Graph.BaseUri, Graph.AccessToken);

        var result = console.Run("Remove-EnterpriseCodeSigningCertificate -Id $id", ("id", stored.Id));

        Assert.Empty(result.Errors);
        Assert.Equal(1, host.Prompts);
        Assert.NotNull(Graph.Certificates.Find(stored.Id));
        Assert.Empty(CertificateRequests("DELETE"));
    }

    [Fact]
    public void Remove_with_a_yes_deletes_it()
    {
        var stored = Graph.Certificates.Add(null, subjectName: "Remove Me");
        var host = new TestHost(answerYes: true);
        using var console = new PsSession(host: host);
        console.Connect(Graph.BaseUri, Graph.AccessToken);

        var result = console.Run("Get-EnterpriseCodeSigningCertificate -Id $id | Remove-EnterpriseCodeSigningCertificate", ("id", stored.Id));

        Assert.Empty(result.Errors);
        Assert.Equal(1, host.Prompts);
        Assert.Null(Graph.Certificates.Find(stored.Id));
    }

    [Fact]
    public void Remove_with_Confirm_false_deletes_without_asking_and_WhatIf_sends_nothing()
    {
        var keep = Graph.Certificates.Add(null, subjectName: "WhatIf Keep");
        var drop = Graph.Certificates.Add(null, subjectName: "Confirm Drop");

        var whatIf = Ps.Run("Remove-EnterpriseCodeSigningCertificate -Id $id -WhatIf", ("id", keep.Id));
        var removed = Ps.Run("Remove-EnterpriseCodeSigningCertificate -Id $id -Confirm:$false", ("id", drop.Id));

        Assert.Empty(whatIf.Errors);
        Assert.Empty(removed.Errors);
        Assert.NotNull(Graph.Certificates.Find(keep.Id));
        Assert.Null(Graph.Certificates.Find(drop.Id));
        Assert.Single(CertificateRequests("DELETE"));
    }

    [Fact]
    public void Remove_of_an_unknown_id_is_a_not_found_error()
    {
        var result = Ps.Run("Remove-EnterpriseCodeSigningCertificate -Id 'gone' -Confirm:$false");

        Assert.Equal(new[] { "CertificateNotFound" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
    }
}
