using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Entra;

namespace CodeSigningCerts.Tests.Auth;

/// <summary>Tokens that expire mid-session are renewed without the user doing anything; a 401 is retried once with a new token.</summary>
public sealed class TokenRenewalTests : SignInTest
{
    protected override EntraOptions? EntraOptions => new() { TokenLifetime = TimeSpan.FromSeconds(3) };

    [Fact]
    public async Task A_token_that_expires_mid_session_is_renewed_silently()
    {
        using var ps = new PsSession();
        using var first = TestCertificates.CodeSigning("Before Expiry");
        using var second = TestCertificates.CodeSigning("After Expiry");
        ps.Run("Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId $app -ClientSecret $secret " + Endpoints, EndpointVariables(("tenant", TenantId), ("app", AppId), ("secret", PsSession.Secure(AppSecret))));
        var firstResult = ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", first));

        await Task.Delay(TimeSpan.FromSeconds(4));
        var secondResult = ps.Run("$c | New-EnterpriseCodeSigningCertificate; (Get-EnterpriseCodeSigningContext).TokenExpiresOn", ("c", second));

        Assert.Empty(firstResult.Errors);
        Assert.Empty(secondResult.Errors);
        var posts = CertificatePosts();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal(201, p.ResponseStatus));
        Assert.NotEqual(Bearer(posts[0]), Bearer(posts[1]));
        Assert.True((DateTimeOffset)secondResult.Output[1].BaseObject > DateTimeOffset.UtcNow, "the context shows the renewed token's expiry");
    }

    [Fact]
    public void A_401_is_retried_once_with_a_new_token()
    {
        Entra.Options.TokenLifetime = TimeSpan.FromHours(1);
        using var ps = new PsSession();
        using var certificate = TestCertificates.CodeSigning("After Revocation");
        ps.Run("Connect-EnterpriseCodeSigning -TenantId $tenant -ClientId $app -ClientSecret $secret " + Endpoints, EndpointVariables(("tenant", TenantId), ("app", AppId), ("secret", PsSession.Secure(AppSecret))));
        Graph.RevokeToken(Entra.IssuedTokens.Single());

        var result = ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Empty(result.Errors);
        var requests = CertificateRequests();
        Assert.Equal(401, requests[0].ResponseStatus);
        Assert.Equal((requests[0].Method, requests[0].Path), (requests[1].Method, requests[1].Path));
        Assert.Single(requests, r => r.ResponseStatus == 401);
        Assert.All(requests.Skip(1), r => Assert.Equal("Bearer " + Entra.IssuedTokens[1], Bearer(r)));
        Assert.Equal(201, CertificatePosts().Single().ResponseStatus);
        Assert.Single(Graph.CertificatesForTenant(TenantId).All);
    }

    [Fact]
    public void A_token_brought_with_AccessToken_is_not_retried_on_401()
    {
        using var ps = new PsSession();
        ps.Connect(Graph.BaseUri, "revoked-or-wrong");
        using var certificate = TestCertificates.CodeSigning("Static Token");

        var result = ps.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Equal(new[] { "GraphAuthenticationFailed" }, result.ErrorIds);
        Assert.Equal(401, Assert.Single(CertificateRequests()).ResponseStatus);
    }

    [Fact]
    public async Task A_sign_in_that_can_no_longer_renew_stops_the_command_and_says_to_connect_again()
    {
        Entra.RegisterPublicClient("public-client-2");
        Entra.Options.AutoApproveDeviceCodes = true;
        using var ps = new PsSession();
        using var certificate = TestCertificates.CodeSigning("After Revoked Sign-In");
        var connect = ps.Run("Connect-EnterpriseCodeSigning -UseDeviceCode -TenantId $tenant -ClientId 'public-client-2' " + Endpoints, EndpointVariables(("tenant", TenantId)));
        Entra.RevokeRefreshTokens("public-client-2");
        await Task.Delay(TimeSpan.FromSeconds(4));

        var result = ps.Run("$c, $c | New-EnterpriseCodeSigningCertificate; 'after'", ("c", certificate));

        Assert.Empty(connect.Errors);
        Assert.Equal(new[] { "SignInFailed" }, result.ErrorIds);
        Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, result.Errors[0].CategoryInfo.Category);
        Assert.Contains("Connect-EnterpriseCodeSigning", result.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.Equal(new[] { "after" }, result.Output.Select(o => o.ToString()));
        Assert.Empty(CertificatePosts());
    }
}

