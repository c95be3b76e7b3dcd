using System.Net;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Engine.Http;

namespace CodeSigningCerts.UnitTests.Connections;

/// <summary>
/// A connection's Graph host is fixed, so its handler's proxy is decided when the connection is made: none for a
/// loopback or link-local Graph (the bearer token never crosses a proxy to 127.0.0.1), the one the user named, or the
/// runtime's own default, each with the credentials the user gave and only for this connection.
/// </summary>
public sealed class GraphProxyTests
{
    private static readonly Uri NamedProxy = new("http://proxy.contoso.com:8080");
    private static readonly NetworkCredential Runbook = new("runbook", "p");

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://[::1]:5000")]
    [InlineData("http://169.254.169.254")]
    public void A_local_Graph_goes_direct_even_with_a_named_proxy(string graph)
    {
        using var handler = HttpHandlers.ForGraph(new Uri(graph), new ProxySettings(NamedProxy, Runbook));

        Assert.False(handler.UseProxy);
    }

    [Fact]
    public void A_named_proxy_carries_a_remote_Graph_with_its_credentials()
    {
        using var handler = HttpHandlers.ForGraph(new Uri("https://graph.microsoft.com"), new ProxySettings(NamedProxy, Runbook));

        var proxy = Assert.IsType<WebProxy>(handler.Proxy);
        Assert.True(handler.UseProxy);
        Assert.Equal(NamedProxy, proxy.Address);
        Assert.Same(Runbook, proxy.Credentials);
    }

    [Fact]
    public void Without_a_named_proxy_the_runtimes_default_is_used_and_credentials_given_stay_the_connections_own()
    {
        using var handler = HttpHandlers.ForGraph(new Uri("https://graph.microsoft.com"), new ProxySettings(null, Runbook));
        using var plain = HttpHandlers.ForGraph(new Uri("https://graph.microsoft.com"), ProxySettings.System);

        // The credentials ride on a proxy of the connection's own, never on DefaultProxyCredentials, which .NET Framework
        // writes onto the process-wide default proxy for every other request of the session to send.
        Assert.True(handler.UseProxy);
        Assert.Same(Runbook, Assert.IsAssignableFrom<IWebProxy>(handler.Proxy).Credentials);
        Assert.Null(handler.DefaultProxyCredentials);
        Assert.True(plain.UseProxy);
        Assert.Null(plain.Proxy);
        Assert.Null(plain.DefaultProxyCredentials);
    }
}
