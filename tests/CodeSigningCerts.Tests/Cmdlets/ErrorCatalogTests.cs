using System.Management.Automation;
using System.Text.RegularExpressions;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Faults;

namespace CodeSigningCerts.Tests.Cmdlets;

/// <summary>
/// docs/error-ids.md promises a test per row that produces the error. The rows not produced by the
/// scenario tests elsewhere are produced here; the last test holds the catalogue to that promise.
/// </summary>
public sealed partial class ErrorCatalogTests : EmulatedGraphTest
{
    // An entry without an id, as a script could build one by hand: $orphan.
    private const string MakeOrphan =
        "$orphan = [CodeSigningCerts.EnterpriseCodeSigningCertificate]::new($null, [CodeSigningCerts.CertificateStatus]::NotProvisioned, 'CN=Orphan', 'Orphan', 'CN=CA', 'CA', $null, $null, $null); ";

    [Fact]
    public void A_path_on_another_provider_is_CertificatePathNotFileSystem()
    {
        var result = Ps.Run("New-EnterpriseCodeSigningCertificate -Path 'Env:PATH'");

        Assert.Equal(new[] { "CertificatePathNotFileSystem" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
        Assert.Equal("Env:PATH", result.Errors[0].TargetObject);
    }

    [Fact]
    public void An_object_without_an_id_given_as_InputObject_is_CertificateIdMissing()
    {
        var result = Ps.Run(
            MakeOrphan +
            "Remove-EnterpriseCodeSigningCertificate -InputObject $orphan -Confirm:$false; Set-EnterpriseCodeSigningCertificate -InputObject $orphan -Status Provisioned");

        Assert.Equal(new[] { "CertificateIdMissing", "CertificateIdMissing" }, result.ErrorIds);
        Assert.All(result.Errors, e => Assert.Equal("Orphan", PSObject.AsPSObject(e.TargetObject).Text("SubjectName")));
        Assert.DoesNotContain(Graph.Requests.All, r => r.Method is "DELETE" or "PATCH");
    }

    [Fact]
    public void Sign_in_at_a_plain_http_authority_is_AuthorityHostInsecure()
    {
        var result = Ps.Run(
            "Connect-EnterpriseCodeSigning -TenantId 'contoso' -ClientId 'app' -ClientSecret $s -GraphEndpoint $g -AuthorityHost 'http://127.0.0.1:1/'",
            ("s", PsSession.Secure("secret")),
            ("g", Graph.BaseUri));

        Assert.Equal(new[] { "AuthorityHostInsecure" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.SecurityError, result.Errors[0].CategoryInfo.Category);
    }

    [Fact]
    public void Signing_in_with_a_certificate_without_its_key_is_SignInCertificateHasNoPrivateKey()
    {
        using var withKey = TestCertificates.CodeSigning("App Without Key");
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(withKey.RawData);

        var result = Ps.Run(
            "Connect-EnterpriseCodeSigning -TenantId 'contoso' -ClientId 'app' -Certificate $c -GraphEndpoint $g",
            ("c", publicOnly),
            ("g", Graph.BaseUri));

        Assert.Equal(new[] { "SignInCertificateHasNoPrivateKey" }, result.ErrorIds);
        Assert.Equal(publicOnly.Thumbprint, ((System.Security.Cryptography.X509Certificates.X509Certificate2)result.Errors[0].TargetObject).Thumbprint);
    }

    [Fact]
    public void A_status_the_module_has_no_special_meaning_for_is_GraphRequestFailed_with_Graphs_code()
    {
        Graph.Faults.Enqueue(Fault.ErrorStatus(412, "PreconditionFailed"), "GET");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate -Id 'some-id'");

        Assert.Equal(new[] { "GraphRequestFailed" }, result.ErrorIds);
        Assert.Contains("PreconditionFailed", result.Errors[0].ErrorDetails!.Message, StringComparison.Ordinal);
        Assert.Equal("some-id", result.Errors[0].TargetObject);
    }

    [Fact]
    public void An_answer_slower_than_RequestTimeout_is_GraphTimeout()
    {
        Ps.Connect(Graph.BaseUri, Graph.AccessToken, "-RequestTimeout 00:00:01 -MaxRetryCount 0");
        Graph.Faults.Enqueue(Fault.SlowResponse(3000), "GET");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate -Id 'slow-id'");

        Assert.Equal(new[] { "GraphTimeout" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.OperationTimeout, result.Errors[0].CategoryInfo.Category);
        Assert.Equal("slow-id", result.Errors[0].TargetObject);
    }

    [Fact]
    public void Every_input_error_says_what_to_do()
    {
        using var folder = new TempDirectory();
        var garbage = folder.Write("garbage.cer", "not a certificate");
        using var protectedPfx = TestCertificates.CodeSigning("Locked");
        var pfx = folder.Write("locked.pfx", protectedPfx.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "secret"));

        var result = Ps.Run(
            "$null | New-EnterpriseCodeSigningCertificate; " +
            "New-EnterpriseCodeSigningCertificate -Path $missing; " +
            "New-EnterpriseCodeSigningCertificate -LiteralPath $dir; " +
            "New-EnterpriseCodeSigningCertificate -Path 'Env:PATH'; " +
            "New-EnterpriseCodeSigningCertificate -Path $garbage; " +
            "New-EnterpriseCodeSigningCertificate -Path $pfx; " +
            "New-EnterpriseCodeSigningCertificate -Path $pfx -Password $wrong; " +
            "Set-EnterpriseCodeSigningCertificate -Id 'some-id'; " +
            "Set-EnterpriseCodeSigningCertificate -Id 'some-id' -Certificate $null; " +
            MakeOrphan +
            "Remove-EnterpriseCodeSigningCertificate -InputObject $orphan -Confirm:$false",
            ("dir", folder.Path),
            ("missing", Path.Combine(folder.Path, "missing.cer")),
            ("garbage", garbage),
            ("pfx", pfx),
            ("wrong", PsSession.Secure("not-the-password")));

        Assert.Equal(
            new[] { "CertificateInputNull", "CertificateFileNotFound", "CertificatePathIsDirectory", "CertificatePathNotFileSystem", "CertificateFileUnreadable", "CertificatePasswordRequired", "CertificatePasswordIncorrect", "NothingToUpdate", "CertificateInputNull", "CertificateIdMissing" },
            result.ErrorIds);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.ErrorDetails?.RecommendedAction), e.FullyQualifiedErrorId + " gives no advice"));
    }

    [Fact]
    public void Every_documented_error_id_is_produced_by_a_test()
    {
        var catalogue = File.ReadAllText(Path.Combine(ModuleLayout.RepositoryRoot, "docs", "error-ids.md"));
        // Table rows, not their headers (a header's "Id" is no error id): a header is the row above a |---| line.
        var lines = catalogue.Split('\n');
        var documented = lines
            .Where((line, i) => i + 1 >= lines.Length || !lines[i + 1].StartsWith("|---", StringComparison.Ordinal))
            .Select(line => RowId().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .ToList();
        var testSources = Directory.EnumerateFiles(Path.Combine(ModuleLayout.RepositoryRoot, "tests", "CodeSigningCerts.Tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "Help" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

        Assert.NotEmpty(documented);
        var untested = documented.Where(id => !testSources.Any(source => AssertsErrorId(source, id))).ToList();
        Assert.True(untested.Count == 0, "No test produces these documented error ids: " + string.Join(", ", untested));
    }

    // A test asserts an id where it compares error ids: on a line that reads them (ErrorIds, FullyQualifiedErrorId,
    // ErrorId), or in a theory's row (InlineData, or a TheoryData row that pairs the id with its ErrorCategory).
    // A quoted word anywhere else does not count.
    private static bool AssertsErrorId(string source, string id) =>
        source.Split('\n').Any(line => line.Contains("\"" + id + "\"", StringComparison.Ordinal)
            && (line.Contains("ErrorId", StringComparison.Ordinal)
                || line.Contains("InlineData(", StringComparison.Ordinal)
                || line.Contains("ErrorCategory.", StringComparison.Ordinal)));

    [GeneratedRegex(@"^\|\s*`?([A-Z][A-Za-z]+)`?\s*\|", RegexOptions.Multiline)]
    private static partial Regex RowId();
}
