using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator;

namespace CodeSigningCerts.Tests.Cmdlets;

/// <summary>Connect-, Get-EnterpriseCodeSigningContext and Disconnect-: the seam the sign-in flows plug into.</summary>
public sealed class ConnectionTests : IAsyncLifetime
{
    private GraphEmulatorServer _graph = null!;

    public async Task InitializeAsync() => _graph = await GraphEmulatorServer.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public void Connect_with_a_token_emits_a_context_that_shows_the_claims_and_never_the_token()
    {
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var token = TestTokens.Jwt("11111111-2222-3333-4444-555555555555", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "admin@contoso.com", "DeviceManagementApps.ReadWrite.All", expires);
        using var ps = new PsSession();

        var connect = ps.Run("Connect-EnterpriseCodeSigning -GraphEndpoint $g -AccessToken $t -Verbose", ("g", _graph.BaseUri), ("t", PsSession.Secure(token)));
        var shown = ps.Run("Get-EnterpriseCodeSigningContext");

        Assert.Empty(connect.Errors);
        var context = connect.Output.Single();
        Assert.Equal("CodeSigningCerts.ConnectionContext", context.TypeName());
        Assert.Equal("Custom", context.Text("Environment"));
        Assert.Equal(_graph.BaseUri, context.Prop("GraphEndpoint"));
        Assert.Equal("AccessToken", context.Text("AuthenticationFlow"));
        Assert.Equal("11111111-2222-3333-4444-555555555555", context.Text("TenantId"));
        Assert.Equal("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", context.Text("ClientId"));
        Assert.Equal("admin@contoso.com", context.Text("Account"));
        Assert.Equal(new[] { "DeviceManagementApps.ReadWrite.All" }, (string[])context.Prop("Scopes")!);
        Assert.Equal(expires.ToUnixTimeSeconds(), ((DateTimeOffset)context.Prop("TokenExpiresOn")!).ToUnixTimeSeconds());
        Assert.Same(context.BaseObject, shown.Output.Single().BaseObject);
        var everything = connect.AllText() + shown.AllText() + string.Join("\n", context.Properties.Select(p => p.Value?.ToString()));
        Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], everything, StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_carry_the_bearer_token_a_fresh_client_request_id_and_the_modules_user_agent()
    {
        using var ps = new PsSession();
        ps.Connect(_graph.BaseUri, _graph.AccessToken);

        ps.Run("Get-EnterpriseCodeSigningCertificate; Get-EnterpriseCodeSigningCertificate");

        var requests = _graph.Requests.All;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("Bearer " + _graph.AccessToken, r.Headers["Authorization"]));
        Assert.All(requests, r => Assert.True(Guid.TryParse(r.Headers["client-request-id"], out _)));
        Assert.NotEqual(requests[0].Headers["client-request-id"], requests[1].Headers["client-request-id"]);
        Assert.All(requests, r => Assert.Equal("CodeSigningCerts/" + ModuleLayout.Version, r.Headers["User-Agent"]));
        Assert.All(requests, r => Assert.False(r.Headers.ContainsKey("SdkVersion")));
        Assert.All(requests, r => Assert.StartsWith("/beta/deviceAppManagement/enterpriseCodeSigningCertificates", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void A_token_read_from_a_file_with_its_line_break_connects_and_is_sent_without_it()
    {
        using var ps = new PsSession();
        ps.Connect(_graph.BaseUri, _graph.AccessToken + "\r\n");

        var result = ps.Run("Get-EnterpriseCodeSigningCertificate");

        Assert.Empty(result.Errors);
        Assert.Equal("Bearer " + _graph.AccessToken, _graph.Requests.All.Single().Headers["Authorization"]);
    }

    [Theory]
    [InlineData("first-token\nsecond-token")]
    [InlineData("{ \"accessToken\": \"abc\" }")]
    [InlineData(" \r\n ")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.c2ln")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0\u200B.c2ln")]
    public void A_token_with_breaks_or_spaces_inside_is_refused_at_connect_without_showing_it(string token)
    {
        using var ps = new PsSession();

        var result = ps.Run("Connect-EnterpriseCodeSigning -GraphEndpoint $g -AccessToken $t", ("g", _graph.BaseUri), ("t", PsSession.Secure(token)));
        var after = ps.Run("Get-EnterpriseCodeSigningCertificate");

        Assert.Equal(new[] { "AccessTokenMalformed" }, result.ErrorIds);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
        Assert.Null(result.Errors[0].TargetObject);
        Assert.False(string.IsNullOrEmpty(result.Errors[0].ErrorDetails!.RecommendedAction));
        Assert.Equal(new[] { "NotConnected" }, after.ErrorIds);
        Assert.Empty(_graph.Requests.All);
        foreach (var part in token.Split(new[] { ' ', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length > 3 && p != "Bearer"))
        {
            Assert.DoesNotContain(part, result.AllText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_refused_token_is_an_authentication_error_naming_the_request_ids()
    {
        using var ps = new PsSession();
        ps.Connect(_graph.BaseUri, "a-token-graph-does-not-accept");

        var result = ps.Run("Get-EnterpriseCodeSigningCertificate");

        Assert.Equal(new[] { "GraphAuthenticationFailed" }, result.ErrorIds);
        Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, result.Errors[0].CategoryInfo.Category);
        Assert.Contains("InvalidAuthenticationToken", result.Errors[0].ErrorDetails!.Message, StringComparison.Ordinal);
        Assert.Contains("client-request-id", result.Errors[0].ErrorDetails!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-token-graph-does-not-accept", result.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Disconnect_forgets_the_connection_and_the_cmdlets_then_say_how_to_connect()
    {
        using var ps = new PsSession();
        ps.Connect(_graph.BaseUri, _graph.AccessToken);

        var result = ps.Run("Disconnect-EnterpriseCodeSigning; @(Get-EnterpriseCodeSigningContext).Count; Get-EnterpriseCodeSigningCertificate");

        Assert.Equal(0, (int)result.Output.Single().BaseObject);
        Assert.Equal(new[] { "NotConnected" }, result.ErrorIds);
        Assert.Contains("Connect-EnterpriseCodeSigning", result.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://graph.contoso.com/")]
    [InlineData("http://10.1.2.3:8080/")]
    public void Plain_http_is_refused_except_to_a_loopback_address(string endpoint)
    {
        using var ps = new PsSession();

        var result = ps.Run("Connect-EnterpriseCodeSigning -GraphEndpoint $g -AccessToken $t", ("g", new Uri(endpoint)), ("t", PsSession.Secure("x")));

        Assert.Equal(new[] { "GraphEndpointInsecure" }, result.ErrorIds);
        Assert.Empty(ps.Run("Get-EnterpriseCodeSigningContext").Output);
    }

    [Theory]
    [InlineData("Global", "https://graph.microsoft.com/", "https://login.microsoftonline.com/")]
    [InlineData("USGov", "https://graph.microsoft.us/", "https://login.microsoftonline.us/")]
    [InlineData("USGovDoD", "https://dod-graph.microsoft.us/", "https://login.microsoftonline.us/")]
    [InlineData("China", "https://microsoftgraph.chinacloudapi.cn/", "https://login.chinacloudapi.cn/")]
    public void Each_environment_has_its_graph_and_authority(string environment, string graph, string authority)
    {
        using var ps = new PsSession();

        var context = ps.Run("Connect-EnterpriseCodeSigning -Environment $e -AccessToken $t", ("e", environment), ("t", PsSession.Secure("opaque"))).Output.Single();

        Assert.Equal(environment, context.Text("Environment"));
        Assert.Equal(graph, context.Text("GraphEndpoint"));
        Assert.Equal(authority, context.Text("AuthorityHost"));
    }

    [Fact]
    public async Task Each_runspace_keeps_its_own_connection()
    {
        await using var other = await GraphEmulatorServer.StartAsync();
        using var first = new PsSession();
        using var second = new PsSession();
        first.Connect(_graph.BaseUri, _graph.AccessToken);
        second.Connect(other.BaseUri, other.AccessToken);
        using var certificate = TestCertificates.CodeSigning("Runspace Two");

        second.Run("$c | New-EnterpriseCodeSigningCertificate", ("c", certificate));
        var firstContext = first.Run("(Get-EnterpriseCodeSigningContext).GraphEndpoint").Output.Single();

        Assert.Empty(_graph.Certificates.All);
        Assert.Single(other.Certificates.All);
        Assert.Equal(_graph.BaseUri, firstContext.BaseObject);
    }

    [Fact]
    public void The_context_shows_the_write_pacing_and_WriteLimit_0_turns_it_off()
    {
        using var ps = new PsSession();

        var paced = ps.Run("(Connect-EnterpriseCodeSigning -GraphEndpoint $g -AccessToken $t).WriteLimit", ("g", _graph.BaseUri), ("t", PsSession.Secure(_graph.AccessToken)));
        var unpaced = ps.Run("(Connect-EnterpriseCodeSigning -GraphEndpoint $g -AccessToken $t -WriteLimit 0).WriteLimit; (Get-EnterpriseCodeSigningContext).WriteLimit", ("g", _graph.BaseUri), ("t", PsSession.Secure(_graph.AccessToken)));
        var refused = ps.Run("Connect-EnterpriseCodeSigning -GraphEndpoint $g -AccessToken $t -WriteLimit -1", ("g", _graph.BaseUri), ("t", PsSession.Secure(_graph.AccessToken)));

        Assert.Equal(100, (int)paced.Output.Single().BaseObject);
        Assert.Equal(new object[] { 0, 0 }, unpaced.Output.Select(o => o.BaseObject));
        Assert.Equal(new[] { "ParameterArgumentValidationError" }, refused.ErrorIds);
    }
}
