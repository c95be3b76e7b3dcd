using System.Reflection;
using System.Runtime.Loader;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Auth;

/// <summary>MSAL isolated from every other copy in the process; two tenants at once; no secret in any stream.</summary>
public sealed class IsolationAndSecrecyTests : SignInTest
{
    [Fact]
    public void A_different_MSAL_loaded_first_changes_nothing_and_the_module_uses_its_own()
    {
        // This test project references Microsoft.Identity.Client 4.55.0 (as Az.Accounts would bring an
        // older MSAL): load it into the default context before the module is even imported.
        var foreign = typeof(Microsoft.Identity.Client.PublicClientApplication).Assembly;
        Assert.Equal(new Version(4, 55, 0, 0), foreign.GetName().Version);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(foreign));
        using var ps = new PsSession();
        using var certificate = TestCertificates.CodeSigning("Isolated MSAL");

        var result = ps.Run(
            "Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId $app -ClientSecret $secret " + Endpoints + "; $c | New-EnterpriseCodeSigningCertificate",
            EndpointVariables(("tenant", TenantId), ("app", AppId), ("secret", PsSession.Secure(AppSecret)), ("c", certificate)));

        Assert.Empty(result.Errors);
        Assert.Equal("Isolated MSAL", result.Output[1].Text("SubjectName"));
        var modules = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name == "Microsoft.Identity.Client" && !ReferenceEquals(a, foreign))
            .ToList();
        var moduleMsal = Assert.Single(modules, a => AssemblyLoadContext.GetLoadContext(a)?.Name == "CodeSigningCerts");
        Assert.NotEqual(foreign.GetName().Version, moduleMsal.GetName().Version);
        Assert.StartsWith(Path.Combine(ModuleLayout.ModuleDirectory, "Dependencies"), moduleMsal.Location, StringComparison.Ordinal);
        Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "Newtonsoft.Json" && AssemblyLoadContext.GetLoadContext(a)?.Name == "CodeSigningCerts");
    }

    [Fact]
    public async Task Two_runspaces_connected_to_two_tenants_at_once_each_use_their_own()
    {
        const string otherTenant = "0b1c2d3e-0000-4000-8000-0000000000bb";
        Entra.RegisterApp(otherTenant, "other-app", "other-secret-value");
        using var first = new PsSession();
        using var second = new PsSession();
        using var firstCertificate = TestCertificates.CodeSigning("Tenant A Signer");
        using var secondCertificate = TestCertificates.CodeSigning("Tenant B Signer");

        var runs = await Task.WhenAll(
            Task.Run(() => first.Run(
                "Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId $app -ClientSecret $secret " + Endpoints + " | Out-Null; 1..3 | ForEach-Object { $c | New-EnterpriseCodeSigningCertificate -Force }; (Get-EnterpriseCodeSigningContext).TenantId",
                EndpointVariables(("tenant", TenantId), ("app", AppId), ("secret", PsSession.Secure(AppSecret)), ("c", firstCertificate)))),
            Task.Run(() => second.Run(
                "Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId $app -ClientSecret $secret " + Endpoints + " | Out-Null; 1..3 | ForEach-Object { $c | New-EnterpriseCodeSigningCertificate -Force }; (Get-EnterpriseCodeSigningContext).TenantId",
                EndpointVariables(("tenant", otherTenant), ("app", "other-app"), ("secret", PsSession.Secure("other-secret-value")), ("c", secondCertificate)))));

        Assert.All(runs, r => Assert.Empty(r.Errors));
        Assert.Equal(TenantId, runs[0].Output[^1].ToString());
        Assert.Equal(otherTenant, runs[1].Output[^1].ToString());
        Assert.All(Graph.CertificatesForTenant(TenantId).All, c => Assert.Equal("Tenant A Signer", c.SubjectName));
        Assert.All(Graph.CertificatesForTenant(otherTenant).All, c => Assert.Equal("Tenant B Signer", c.SubjectName));
        Assert.Equal(3, Graph.CertificatesForTenant(TenantId).All.Count);
        Assert.Equal(3, Graph.CertificatesForTenant(otherTenant).All.Count);
    }

    [Fact]
    public void No_secret_or_token_appears_in_any_stream_error_or_debug_output()
    {
        using var host = new PsSession(host: new TestHost());
        using var good = TestCertificates.CodeSigning("Secrecy Good");
        using var expired = TestCertificates.Expired("Secrecy Expired");

        var run = host.Run(
            "$DebugPreference = 'Continue'; $VerbosePreference = 'Continue'; $InformationPreference = 'Continue'; " +
            "Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId $app -ClientSecret $secret " + Endpoints + " -Debug -Verbose; " +
            "$good, $expired | New-EnterpriseCodeSigningCertificate -Debug -Verbose; " +
            "Get-EnterpriseCodeSigningCertificate -Debug -Verbose; Get-EnterpriseCodeSigningContext; " +
            "Get-EnterpriseCodeSigningCertificate -Id 'missing' -Debug -Verbose",
            EndpointVariables(("tenant", TenantId), ("app", AppId), ("secret", PsSession.Secure(AppSecret)), ("good", good), ("expired", expired)));
        var failed = host.Run(
            "Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId $app -ClientSecret $secret " + Endpoints + " -Debug -Verbose",
            EndpointVariables(("tenant", TenantId), ("app", AppId), ("secret", PsSession.Secure("wrong-" + AppSecret))));

        Assert.NotEmpty(run.Debug);
        Assert.Contains(run.Debug, d => d.Contains("Bearer [redacted]", StringComparison.Ordinal));
        Assert.Equal(new[] { "CertificateExpired", "CertificateNotFound" }, run.ErrorIds);
        Assert.Equal(new[] { "SignInFailed" }, failed.ErrorIds);
        var everything = run.AllText() + "\n" + failed.AllText() + "\n" + string.Join("\n", run.Output.SelectMany(o => o.Properties.Where(p => p.MemberType != System.Management.Automation.PSMemberTypes.ScriptProperty).Select(p => p.Value?.ToString())));
        Assert.DoesNotContain(AppSecret, everything, StringComparison.Ordinal);
        Assert.NotEmpty(Entra.IssuedTokens);
        foreach (var token in Entra.IssuedTokens)
        {
            Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Split('.')[1], everything, StringComparison.Ordinal);
        }
    }
}
