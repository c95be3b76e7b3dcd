using System.Management.Automation;
using System.Net;
using System.Text;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>
/// A corporate proxy that asks for credentials (407) gets its own error and advice, -ProxyCredential answers it,
/// and a loopback Graph (the emulator) is never reached through a proxy, named or the system's.
/// </summary>
public sealed class ProxyTests : EmulatedGraphTest
{
    // A Graph host that does not exist: only the proxy ever sees it, in its CONNECT line.
    internal static readonly Uri RemoteGraph = new("https://graph.contoso.test");

    [Fact]
    public async Task A_proxy_asking_for_credentials_is_GraphProxyAuthenticationRequired_with_advice_and_is_asked_once()
    {
        await using var proxy = RawHttpServer.Start(_ => AskForCredentials());
        using var ps = new PsSession();
        ps.Connect(RemoteGraph, "opaque-token-1234567890", "-Proxy $proxyUri".Replace("$proxyUri", proxy.BaseUri.ToString(), StringComparison.Ordinal));

        var result = ps.Run("Get-EnterpriseCodeSigningCertificate");

        Assert.Equal(new[] { "GraphProxyAuthenticationRequired" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.AuthenticationError, result.Errors[0].CategoryInfo.Category);
        Assert.Contains("-ProxyCredential", result.Errors[0].ErrorDetails!.RecommendedAction, StringComparison.Ordinal);
        Assert.Contains("-ProxyUseDefaultCredentials", result.Errors[0].ErrorDetails!.RecommendedAction, StringComparison.Ordinal);
        var connect = Assert.Single(proxy.Requests);
        Assert.Equal("CONNECT", connect.Method);
        Assert.Equal("graph.contoso.test:443", connect.Target);
    }

    [Fact]
    public async Task ProxyCredential_answers_a_proxy_that_asks_and_its_password_is_shown_nowhere()
    {
        const string password = "pr0xy-Pa55word!";
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("CONTOSO\\runbook:" + password));
        await using var proxy = RawHttpServer.Start(request =>
            request.Headers.TryGetValue("Proxy-Authorization", out var given) && given == expected
                ? RawHttpServer.Answer(502, "Bad Gateway")
                : AskForCredentials());
        using var ps = new PsSession();
        // One retry, not the default five: the retried attempt's -Verbose and -Debug text is checked too, without the
        // default backoff's 15 s of waiting on a proxy that can never carry the request.
        ps.Run(
            "$credential = [pscredential]::new('CONTOSO\\runbook', $password); Connect-EnterpriseCodeSigning -GraphEndpoint $graph -AccessToken $token -Proxy $proxy -ProxyCredential $credential -MaxRetryCount 1 | Out-Null",
            ("password", PsSession.Secure(password)),
            ("graph", RemoteGraph),
            ("token", PsSession.Secure("opaque-token-1234567890")),
            ("proxy", proxy.BaseUri));

        var result = ps.Run("Get-EnterpriseCodeSigningCertificate -Verbose -Debug");

        // Past the proxy's question, the (test) proxy has no way on: the error is the network's, not the proxy's 407.
        // Answered on the first attempt and again on its retry.
        Assert.True(proxy.Requests.Count(r => r.Headers.TryGetValue("Proxy-Authorization", out var given) && given == expected) >= 2, string.Join("\n", proxy.Requests.Select(r => r.Method + " " + r.Target)));
        Assert.NotEmpty(result.ErrorIds);
        Assert.DoesNotContain("GraphProxyAuthenticationRequired", result.ErrorIds);
        Assert.DoesNotContain(password, result.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(expected[6..], result.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-ProxyCredential ([pscredential]::new('u', $password)) -ProxyUseDefaultCredentials")]
    [InlineData("-Proxy 'proxy.contoso.com:8080'")]
    public void Proxy_settings_that_cannot_work_are_refused_at_Connect(string parameters)
    {
        using var ps = new PsSession();

        var result = ps.Run("Connect-EnterpriseCodeSigning -GraphEndpoint $graph -AccessToken $token " + parameters, ("graph", Graph.BaseUri), ("token", PsSession.Secure(Graph.AccessToken)), ("password", PsSession.Secure("p")));

        Assert.Equal(new[] { "ProxySettingsInvalid" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
        Assert.Empty(ps.Run("Get-EnterpriseCodeSigningContext").Output);
    }

    [Fact]
    public async Task A_named_proxy_is_not_used_for_the_emulator_on_loopback()
    {
        await using var proxy = RawHttpServer.Start(_ => RawHttpServer.Answer(502, "Bad Gateway"));
        using var ps = new PsSession();
        ps.Connect(Graph.BaseUri, Graph.AccessToken, "-Proxy " + proxy.BaseUri + " -ProxyUseDefaultCredentials");

        var result = ps.Run("Get-EnterpriseCodeSigningCertificate");

        Assert.Empty(result.Errors);
        Assert.Empty(proxy.Requests);
        Assert.NotEmpty(Graph.Requests.All);
    }

    private static string AskForCredentials() =>
        RawHttpServer.Answer(407, "Proxy Authentication Required", "<html>Proxy authentication required</html>", ("Proxy-Authenticate", "Basic realm=\"Contoso proxy\""), ("Content-Type", "text/html"));
}

/// <summary>
/// The system's proxy (what HTTP_PROXY or the Windows settings give HttpClient.DefaultProxy) carries nothing to
/// loopback: the bearer token to the emulator would cross it in clear text. A remote Graph takes the one in effect when
/// the connection's first request goes. The system's proxy is one per process, so this runs alone.
/// </summary>
[Collection(SystemProxyCollection.Name)]
public sealed class SystemProxyTests : EmulatedGraphTest
{
    [Fact]
    public async Task The_systems_proxy_never_carries_a_request_to_loopback()
    {
        await using var proxy = RawHttpServer.Start(_ => RawHttpServer.Answer(502, "Bad Gateway"));
        var before = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new ProxyForEverything(proxy.BaseUri);
        try
        {
            using var ps = new PsSession();
            ps.Connect(Graph.BaseUri, Graph.AccessToken);
            using var certificate = TestCertificates.CodeSigning("Not Through The Proxy");

            var result = ps.Run("$c | New-EnterpriseCodeSigningCertificate; Get-EnterpriseCodeSigningCertificate", ("c", certificate));

            Assert.Empty(result.Errors);
            Assert.Empty(proxy.Requests);
            Assert.Single(CertificateRequests("POST"));
        }
        finally
        {
            HttpClient.DefaultProxy = before;
        }
    }

    [Fact]
    public async Task A_remote_Graph_takes_the_systems_proxy_in_effect_when_the_connections_first_request_goes()
    {
        // The documented rule: a connection's Graph proxy is decided at Connect, and the runtime's default is read by the
        // runtime when the first request goes (so a proxy a script sets between Connect and that request is followed;
        // one set after it applies from the next Connect on PowerShell 7).
        await using var proxy = RawHttpServer.Start(_ => RawHttpServer.Answer(502, "Bad Gateway"));
        var before = HttpClient.DefaultProxy;
        try
        {
            using var ps = new PsSession();
            ps.Connect(ProxyTests.RemoteGraph, "opaque-token-1234567890", "-MaxRetryCount 0");
            HttpClient.DefaultProxy = new ProxyForEverything(proxy.BaseUri);

            var result = ps.Run("Get-EnterpriseCodeSigningCertificate");

            Assert.NotEmpty(result.ErrorIds);
            var connect = Assert.Single(proxy.Requests);
            Assert.Equal("CONNECT", connect.Method);
            Assert.Equal("graph.contoso.test:443", connect.Target);
        }
        finally
        {
            HttpClient.DefaultProxy = before;
        }
    }

    /// <summary>A proxy with no exceptions at all, as an HTTP_PROXY without NO_PROXY is.</summary>
    private sealed class ProxyForEverything(Uri address) : IWebProxy
    {
        public ICredentials? Credentials { get; set; }

        public Uri GetProxy(Uri destination) => address;

        public bool IsBypassed(Uri host) => false;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SystemProxyCollection
{
    public const string Name = "The process's system proxy";
}
