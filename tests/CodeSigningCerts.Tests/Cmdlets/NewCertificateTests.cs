using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Cmdlets;

/// <summary>$certs | New-EnterpriseCodeSigningCertificate: one resource per certificate, mapped as docs/examples.md's "From a certificate to the resource" says.</summary>
public sealed class NewCertificateTests : EmulatedGraphTest
{
    [Fact]
    public void Piped_certificates_each_become_one_resource_mapped_field_for_field_and_come_back_typed()
    {
        using var first = TestCertificates.CodeSigning("Contoso Apps Signing");
        using var second = TestCertificates.CodeSigning("Fabrikam Line of Business");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var result = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", new[] { first, second }));

        var after = DateTimeOffset.UtcNow.AddSeconds(1);
        Assert.Empty(result.Errors);
        var posts = CertificateRequests("POST");
        Assert.Equal(2, posts.Count);
        Assert.Equal(2, Graph.Certificates.All.Count);
        foreach (var (certificate, post) in new[] { first, second }.Zip(posts))
        {
            var body = RecordedJson.Body(post);
            Assert.Equal(
                new[] { "content", "expirationDateTime", "issuer", "issuerName", "status", "subject", "subjectName", "uploadDateTime" },
                body.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(Convert.ToBase64String(certificate.RawData), body["content"].GetString());
            Assert.Equal(certificate.Subject, body["subject"].GetString());
            Assert.Equal(certificate.GetNameInfo(X509NameType.SimpleName, false), body["subjectName"].GetString());
            Assert.Equal(certificate.Issuer, body["issuer"].GetString());
            Assert.Equal("Contoso Test Issuing CA", body["issuerName"].GetString());
            Assert.Equal(certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), body["expirationDateTime"].GetString());
            var uploaded = body["uploadDateTime"].GetString()!;
            Assert.EndsWith("Z", uploaded, StringComparison.Ordinal);
            Assert.InRange(DateTimeOffset.Parse(uploaded, CultureInfo.InvariantCulture), before, after);
            Assert.Equal("notProvisioned", body["status"].GetString());
        }

        Assert.Equal(2, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("CodeSigningCerts.EnterpriseCodeSigningCertificate", o.TypeName()));
        var stored = Graph.Certificates.All;
        Assert.Equal(stored.Select(s => s.Id), result.Output.Select(o => o.Text("Id")));
        Assert.Equal(new[] { "Contoso Apps Signing", "Fabrikam Line of Business" }, result.Output.Select(o => o.Text("SubjectName")));
        Assert.Equal(first.Thumbprint, result.Output[0].Text("Thumbprint"));
        Assert.Equal("NotProvisioned", result.Output[0].Text("Status"));
        Assert.Equal(first.RawData, (byte[])result.Output[0].Prop("Content")!);
        Assert.Equal(new DateTimeOffset(first.NotAfter.ToUniversalTime()), (DateTimeOffset)result.Output[0].Prop("ExpirationDateTime")!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-Verbose")]
    [InlineData("-Debug")]
    public void A_subject_beyond_ASCII_travels_as_UTF_8_both_ways_whatever_is_narrated(string narration)
    {
        // Graph (and the emulator) answer in raw UTF-8, and the module reads a success from those bytes: a name with
        // letters beyond ASCII must come back as it went, with narration on or off (they read the answer differently).
        using var certificate = TestCertificates.CodeSigning("Zoë Müller Ørsted 署名");

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate " + narration, ("c", certificate));

        Assert.Empty(result.Errors);
        Assert.Equal("Zoë Müller Ørsted 署名", result.Output.Single().Text("SubjectName"));
        Assert.Equal(certificate.Subject, result.Output.Single().Text("Subject"));
        Assert.Equal(certificate.Thumbprint, result.Output.Single().Text("Thumbprint"));
        var body = RecordedJson.Body(CertificateRequests("POST").Single());
        Assert.Equal(certificate.Subject, body["subject"].GetString());
        Assert.Equal("Zoë Müller Ørsted 署名", Graph.Certificates.All.Single().SubjectName);
        if (narration == "-Debug")
        {
            Assert.Contains(result.Debug, text => text.StartsWith("HTTP response: 201", StringComparison.Ordinal) && text.Contains("Zoë Müller Ørsted 署名", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Status_sets_the_status_sent_and_returned()
    {
        using var certificate = TestCertificates.CodeSigning();
        using var another = TestCertificates.CodeSigning("Another");

        var result = Ps.Run("New-EnterpriseCodeSigningCertificate -Certificate $c -Status Provisioned", ("c", certificate));

        Assert.Empty(result.Errors);
        Assert.Equal("provisioned", RecordedJson.Body(CertificateRequests("POST").Single())["status"].GetString());
        Assert.Equal("Provisioned", result.Output.Single().Text("Status"));
        Assert.True(Ps.Run("$r = New-EnterpriseCodeSigningCertificate -Certificate $c -Status provisioned; $r.Status -eq 'Provisioned'", ("c", another)).Output.Single().BaseObject is true);
    }

    [Fact]
    public void An_unknown_status_name_is_refused_before_anything_is_sent()
    {
        using var certificate = TestCertificates.CodeSigning();

        var result = Ps.Run("New-EnterpriseCodeSigningCertificate -Certificate $c -Status Revoked", ("c", certificate));

        Assert.Single(result.Errors);
        Assert.Contains("NotProvisioned, Provisioned", result.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Empty(CertificateRequests("POST"));
    }

    [Fact]
    public void WhatIf_writes_nothing_and_says_what_it_would_do()
    {
        using var certificate = TestCertificates.CodeSigning();
        var host = new TestHost();
        using var console = new PsSession(host: host);
        console.Connect(Graph.BaseUri, Graph.AccessToken);
        Graph.Requests.Clear();

        var result = console.Run("$c | New-EnterpriseCodeSigningCertificate -WhatIf; 'done'", ("c", certificate));

        // It reads the tenant (so -WhatIf can tell an upload from a refusal), and changes nothing.
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "done" }, result.Output.Select(o => o.ToString()));
        Assert.All(Graph.Requests.All, r => Assert.Equal("GET", r.Method));
        Assert.Empty(Graph.Certificates.All);
        Assert.Contains(host.Lines, l => l.StartsWith("What if:", StringComparison.Ordinal) && l.Contains(certificate.Thumbprint, StringComparison.Ordinal));
    }

    [Fact]
    public void WhatIf_without_a_connection_runs_the_checks_and_shows_the_upload()
    {
        var host = new TestHost();
        using var fresh = new PsSession(host: host);
        using var certificate = TestCertificates.CodeSigning();
        using var expired = TestCertificates.Expired();

        var result = fresh.Run("$c, $x | New-EnterpriseCodeSigningCertificate -WhatIf; 'done'", ("c", certificate), ("x", expired));

        Assert.Equal(new[] { "CertificateExpired" }, result.ErrorIds);
        Assert.Equal(new[] { "done" }, result.Output.Select(o => o.ToString()));
        Assert.Single(host.Lines, l => l.StartsWith("What if:", StringComparison.Ordinal) && l.Contains(certificate.Thumbprint, StringComparison.Ordinal));
    }

    [Fact]
    public void A_response_with_unknown_properties_and_null_content_still_gives_a_typed_result()
    {
        Graph.Options.IncludeUnknownProperties = true;
        Graph.Options.NullContentInResponses = true;
        using var certificate = TestCertificates.CodeSigning("Future Proof");

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Empty(result.Errors);
        var created = result.Output.Single();
        Assert.Equal("Future Proof", created.Text("SubjectName"));
        Assert.Null(created.Prop("Content"));
        Assert.Null(created.Prop("Thumbprint"));
    }

    [Fact]
    public void Without_a_connection_the_error_says_how_to_connect()
    {
        using var fresh = new PsSession();
        using var certificate = TestCertificates.CodeSigning();

        var result = fresh.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Equal(new[] { "NotConnected" }, result.ErrorIds);
        Assert.Contains("Connect-EnterpriseCodeSigning", result.Errors[0].ToString(), StringComparison.Ordinal);
    }
}
