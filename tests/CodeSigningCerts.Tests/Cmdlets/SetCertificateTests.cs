using System.Globalization;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Cmdlets;

/// <summary>Set-EnterpriseCodeSigningCertificate by Id and by InputObject, for a new certificate and a status, with 200 and 204 answers.</summary>
public sealed class SetCertificateTests : EmulatedGraphTest
{
    public static TheoryData<bool, string> Cases => new()
    {
        { true, "id" }, { false, "id" }, { true, "inputobject" }, { false, "inputobject" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_new_certificate_replaces_the_content_and_every_derived_property(bool patchReturnsContent, string by)
    {
        Graph.Options.PatchReturnsContent = patchReturnsContent;
        using var original = TestCertificates.CodeSigning("Original Signer");
        using var renewed = TestCertificates.CodeSigning("Renewed Signer", validDays: 700);
        var created = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", original)).Output.Single();
        var id = created.Text("Id")!;

        var result = by == "id"
            ? Ps.Run("$new | Set-EnterpriseCodeSigningCertificate -Id $id", ("new", renewed), ("id", id))
            : Ps.Run("$old | Set-EnterpriseCodeSigningCertificate -Certificate $new", ("old", created), ("new", renewed));

        Assert.Empty(result.Errors);
        var patch = RecordedJson.Body(CertificateRequests("PATCH").Single());
        Assert.Equal(Convert.ToBase64String(renewed.RawData), patch["content"].GetString());
        Assert.Equal("Renewed Signer", patch["subjectName"].GetString());
        Assert.Equal(renewed.Subject, patch["subject"].GetString());
        Assert.Equal(renewed.Issuer, patch["issuer"].GetString());
        Assert.Equal(renewed.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), patch["expirationDateTime"].GetString());
        Assert.True(patch.ContainsKey("uploadDateTime"));
        Assert.False(patch.ContainsKey("status"));
        var updated = result.Output.Single();
        Assert.Equal(id, updated.Text("Id"));
        Assert.Equal("Renewed Signer", updated.Text("SubjectName"));
        Assert.Equal(renewed.Thumbprint, updated.Text("Thumbprint"));
        Assert.Equal("Renewed Signer", Graph.Certificates.Find(id)!.SubjectName);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_status_change_is_sent_alone_and_the_updated_object_returned(bool patchReturnsContent, string by)
    {
        Graph.Options.PatchReturnsContent = patchReturnsContent;
        using var certificate = TestCertificates.CodeSigning("Status Signer");
        var created = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate)).Output.Single();
        var id = created.Text("Id")!;
        Graph.Requests.Clear(); // count only what Set- sends

        var result = by == "id"
            ? Ps.Run("Set-EnterpriseCodeSigningCertificate -Id $id -Status Provisioned", ("id", id))
            : Ps.Run("$old | Set-EnterpriseCodeSigningCertificate -Status Provisioned", ("old", created));

        Assert.Empty(result.Errors);
        var patch = RecordedJson.Body(CertificateRequests("PATCH").Single());
        Assert.Equal(new[] { "status" }, patch.Keys);
        Assert.Equal("provisioned", patch["status"].GetString());
        var updated = result.Output.Single();
        Assert.Equal("Provisioned", updated.Text("Status"));
        Assert.Equal("Status Signer", updated.Text("SubjectName"));
        Assert.Equal(patchReturnsContent ? 0 : 1, CertificateRequests("GET").Count);
    }

    [Fact]
    public void Objects_piped_from_Get_are_updated_one_by_one()
    {
        using var a = TestCertificates.CodeSigning("Piped A");
        using var b = TestCertificates.CodeSigning("Piped B");
        Ps.Run("$a, $b | New-EnterpriseCodeSigningCertificate", ("a", a), ("b", b));
        // A listing shows a new entry only after the service's lag; a user's next command comes later than that.
        Thread.Sleep(Graph.Options.ListingLag);

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate | Set-EnterpriseCodeSigningCertificate -Status Provisioned");

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Output.Count);
        Assert.All(Graph.Certificates.All, c => Assert.Equal("provisioned", c.Status));
    }

    [Fact]
    public void Nothing_to_change_is_an_error_and_no_request()
    {
        var result = Ps.Run("Set-EnterpriseCodeSigningCertificate -Id 'abc'");

        Assert.Equal(new[] { "NothingToUpdate" }, result.ErrorIds);
        Assert.Equal("abc", result.Errors[0].TargetObject);
        Assert.Empty(CertificateRequests("PATCH"));
    }

    [Fact]
    public void A_replacement_that_fails_a_check_is_refused_without_Force()
    {
        using var expired = TestCertificates.Expired();

        var result = Ps.Run("$c | Set-EnterpriseCodeSigningCertificate -Id 'abc'", ("c", expired));

        Assert.Equal(new[] { "CertificateExpired" }, result.ErrorIds);
        Assert.Empty(CertificateRequests("PATCH"));
    }

    [Fact]
    public void An_unknown_id_is_a_not_found_error_with_the_id_as_target()
    {
        var result = Ps.Run("Set-EnterpriseCodeSigningCertificate -Id 'no-such-id' -Status Provisioned");

        Assert.Equal(new[] { "CertificateNotFound" }, result.ErrorIds);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.Equal("no-such-id", result.Errors[0].TargetObject);
        Assert.Contains("request-id", result.Errors[0].ErrorDetails!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_sends_nothing()
    {
        var result = Ps.Run("Set-EnterpriseCodeSigningCertificate -Id 'abc' -Status Provisioned -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Empty(CertificateRequests("PATCH"));
    }
}
