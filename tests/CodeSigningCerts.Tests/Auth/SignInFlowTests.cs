using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Auth;

/// <summary>Each way of signing in connects and then creates a certificate; Entra and Graph saw the right client, tenant, scope and token.</summary>
public sealed class SignInFlowTests : SignInTest
{
    [Fact]
    public void Client_secret_connects_app_only_and_creates()
    {
        using var ps = new PsSession();
        using var certificate = TestCertificates.CodeSigning("Secret Flow");

        var result = ps.Run(
            "Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId $app -ClientSecret $secret " + Endpoints + "; $c | New-EnterpriseCodeSigningCertificate",
            EndpointVariables(("tenant", TenantId), ("app", AppId), ("secret", PsSession.Secure(AppSecret)), ("c", certificate)));

        Assert.Empty(result.Errors);
        var context = result.Output[0];
        Assert.Equal("ClientSecret", context.Text("AuthenticationFlow"));
        Assert.Equal(TenantId, context.Text("TenantId"));
        Assert.Equal(AppId, context.Text("ClientId"));
        Assert.Contains("DeviceManagementApps.ReadWrite.All", (string[])context.Prop("Scopes")!);
        Assert.Equal("Secret Flow", result.Output[1].Text("SubjectName"));
        var tokenRequest = Entra.TokenRequests.Single(r => r.Succeeded);
        Assert.Equal(("token", "client_credentials", AppId, TenantId, "secret"), (tokenRequest.Endpoint, tokenRequest.GrantType, tokenRequest.ClientId, tokenRequest.TenantId, tokenRequest.AuthMethod));
        Assert.Equal(Graph.BaseUri.GetLeftPart(UriPartial.Authority) + "/.default", tokenRequest.Scope);
        Assert.Equal("Bearer " + tokenRequest.IssuedToken, Bearer(CertificatePosts().Single()));
        Assert.Single(Graph.CertificatesForTenant(TenantId).All);
    }

    [Fact]
    public void A_signed_in_context_shows_the_retries_timeout_and_write_limit_asked_for()
    {
        using var ps = new PsSession();

        var result = ps.Run(
            "Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId $app -ClientSecret $secret -MaxRetryCount 2 -RequestTimeout 00:00:30 -WriteLimit 7 " + Endpoints + "; Get-EnterpriseCodeSigningContext",
            EndpointVariables(("tenant", TenantId), ("app", AppId), ("secret", PsSession.Secure(AppSecret))));

        Assert.Empty(result.Errors);
        foreach (var context in result.Output)
        {
            Assert.Equal(2, context.Prop("MaxRetryCount"));
            Assert.Equal(TimeSpan.FromSeconds(30), context.Prop("RequestTimeout"));
            Assert.Equal(7, context.Prop("WriteLimit"));
            Assert.Equal(Graph.BaseUri, context.Prop("GraphEndpoint"));
        }

        Assert.Equal(2, result.Output.Count);
    }

    [Fact]
    public void A_wrong_secret_is_a_sign_in_error_that_never_shows_the_secret()
    {
        using var ps = new PsSession();

        var result = ps.Run(
            "Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId $app -ClientSecret $secret " + Endpoints,
            EndpointVariables(("tenant", TenantId), ("app", AppId), ("secret", PsSession.Secure("not-the-secret-123"))));

        Assert.Equal(new[] { "SignInFailed" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.AuthenticationError, result.Errors[0].CategoryInfo.Category);
        Assert.Contains("invalid_client", result.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret-123", result.AllText(), StringComparison.Ordinal);
        Assert.Empty(ps.Run("Get-EnterpriseCodeSigningContext").Output);
    }

    [Fact]
    public void Client_certificate_as_an_object_signs_an_assertion_Entra_verifies()
    {
        using var appCertificate = TestCertificates.CodeSigning("App Credential");
        Entra.RegisterApp(TenantId, "cert-app-1", certificate: X509CertificateLoader.LoadCertificate(appCertificate.RawData));
        using var ps = new PsSession();
        using var certificate = TestCertificates.CodeSigning("Certificate Flow");

        var result = ps.Run(
            "Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId 'cert-app-1' -Certificate $appCert " + Endpoints + "; $c | New-EnterpriseCodeSigningCertificate",
            EndpointVariables(("tenant", TenantId), ("appCert", appCertificate), ("c", certificate)));

        Assert.Empty(result.Errors);
        Assert.Equal("ClientCertificate", result.Output[0].Text("AuthenticationFlow"));
        var tokenRequest = Entra.TokenRequests.Single(r => r.Succeeded);
        Assert.Equal(("cert-app-1", TenantId, "assertion"), (tokenRequest.ClientId, tokenRequest.TenantId, tokenRequest.AuthMethod));
        Assert.Equal("Bearer " + tokenRequest.IssuedToken, Bearer(CertificatePosts().Single()));
    }

    [Fact]
    public void Client_certificate_by_thumbprint_is_found_in_the_current_users_store()
    {
        using var appCertificate = X509CertificateLoader.LoadPkcs12(TestCertificates.CodeSigning("App In Store").Export(X509ContentType.Pfx), null, X509KeyStorageFlags.PersistKeySet | X509KeyStorageFlags.Exportable);
        Entra.RegisterApp(TenantId, "cert-app-2", certificate: X509CertificateLoader.LoadCertificate(appCertificate.RawData));
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(appCertificate);
        try
        {
            using var ps = new PsSession();
            using var certificate = TestCertificates.CodeSigning("Thumbprint Flow");

            var result = ps.Run(
                "Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId 'cert-app-2' -CertificateThumbprint $thumb " + Endpoints + "; $c | New-EnterpriseCodeSigningCertificate",
                EndpointVariables(("tenant", TenantId), ("thumb", appCertificate.Thumbprint), ("c", certificate)));

            Assert.Empty(result.Errors);
            var tokenRequest = Entra.TokenRequests.Single(r => r.Succeeded);
            Assert.Equal(("cert-app-2", "assertion"), (tokenRequest.ClientId, tokenRequest.AuthMethod));
            Assert.Equal("Bearer " + tokenRequest.IssuedToken, Bearer(CertificatePosts().Single()));
        }
        finally
        {
            store.Remove(appCertificate);
        }
    }

    [Fact]
    public void An_unknown_thumbprint_says_where_it_looked()
    {
        using var ps = new PsSession();

        var result = ps.Run(
            "Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId 'x' -CertificateThumbprint 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' " + Endpoints,
            EndpointVariables(("tenant", TenantId)));

        Assert.Equal(new[] { "SignInCertificateNotFound" }, result.ErrorIds);
        Assert.Contains("CurrentUser\\My", result.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Device_code_shows_the_code_through_the_host_and_connects_the_person_who_entered_it()
    {
        Entra.RegisterPublicClient("public-client-1");
        using var ps = new PsSession();
        using var certificate = TestCertificates.CodeSigning("Device Code Flow");
        using var approver = Task.Run(async () =>
        {
            // The person reads the code and enters it on another device.
            while (Entra.UserCodes.Count == 0)
            {
                await Task.Delay(50);
            }

            Entra.ApproveDeviceCode(Entra.UserCodes[0], "intune.admin@contoso.com");
        });

        var result = ps.Run(
            "Connect-EnterpriseCodeSigning -UseDeviceCode -TenantId $tenant -ClientId 'public-client-1' " + Endpoints + "; $c | New-EnterpriseCodeSigningCertificate",
            EndpointVariables(("tenant", TenantId), ("c", certificate)));

        Assert.Empty(result.Errors);
        Assert.Contains(Entra.UserCodes[0], Assert.Single(result.Warnings), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output, o => o.ToString()!.Contains(Entra.UserCodes[0], StringComparison.Ordinal));
        var context = result.Output[0];
        Assert.Equal("DeviceCode", context.Text("AuthenticationFlow"));
        Assert.Equal("intune.admin@contoso.com", context.Text("Account"));
        Assert.Equal(TenantId, context.Text("TenantId"));
        var tokenRequest = Entra.TokenRequests.Single(r => r.Succeeded && r.Endpoint == "token");
        Assert.Equal(("public-client-1", "device_code"), (tokenRequest.ClientId, tokenRequest.AuthMethod));
        Assert.Equal(Graph.BaseUri.GetLeftPart(UriPartial.Authority) + "/DeviceManagementApps.ReadWrite.All", tokenRequest.Scope!.Split(' ').First(s => s.Contains("DeviceManagementApps", StringComparison.Ordinal)));
        Assert.Equal("Bearer " + tokenRequest.IssuedToken, Bearer(CertificatePosts().Single()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Managed_identity_system_or_user_assigned_connects_and_creates(bool systemAssigned)
    {
        var identityClientId = systemAssigned ? "mi-system-" + Guid.NewGuid().ToString("N")[..8] : "mi-user-" + Guid.NewGuid().ToString("N")[..8];
        Entra.RegisterManagedIdentity(identityClientId, TenantId, systemAssigned);
        ManagedIdentityEnvironment.Point(Entra);
        using var ps = new PsSession();
        using var certificate = TestCertificates.CodeSigning("Managed Identity Flow");
        var connect = systemAssigned
            ? "Connect-EnterpriseCodeSigning -ManagedIdentity -GraphEndpoint $graph"
            : "Connect-EnterpriseCodeSigning -ManagedIdentity -ClientId $mi -GraphEndpoint $graph";

        var result = ps.Run(connect + "; $c | New-EnterpriseCodeSigningCertificate", ("graph", Graph.BaseUri), ("mi", identityClientId), ("c", certificate));

        Assert.Empty(result.Errors);
        Assert.Equal("ManagedIdentity", result.Output[0].Text("AuthenticationFlow"));
        Assert.Equal(TenantId, result.Output[0].Text("TenantId"));
        Assert.Equal(identityClientId, result.Output[0].Text("ClientId"));
        var tokenRequest = Entra.TokenRequests.Single(r => r.Succeeded);
        Assert.Equal(("managedidentity", identityClientId), (tokenRequest.Endpoint, tokenRequest.ClientId));
        Assert.Equal(Graph.BaseUri.GetLeftPart(UriPartial.Authority), tokenRequest.Resource!.TrimEnd('/'));
        Assert.Equal("Bearer " + tokenRequest.IssuedToken, Bearer(CertificatePosts().Single()));
        Assert.Single(Graph.CertificatesForTenant(TenantId).All);
    }
}
