using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using CodeSigningCerts.Engine.Http;

namespace CodeSigningCerts.Tests.Desktop;

/// <summary>
/// What the engine tells .NET Framework (Windows PowerShell 5.1) that .NET does by itself: TLS 1.2, Graph's connection
/// settings, and which of the Framework's network failures certainly never reached Graph.
/// </summary>
public sealed class NetFrameworkNetworkingTests
{
    [Fact]
    public void TLS_1_2_is_added_to_the_Frameworks_old_default_and_nothing_is_removed()
    {
#pragma warning disable CS0618, CA5364, CA5386, SYSLIB0039 // The old protocols are what .NET Framework's default is on such machines.
        var old = SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls;
        var withTls11 = SecurityProtocolType.Tls | SecurityProtocolType.Tls11;
#pragma warning restore CS0618, CA5364, CA5386, SYSLIB0039

        Assert.Equal(old | SecurityProtocolType.Tls12, NetFrameworkNetworking.WithTls12(old));
        Assert.Equal(withTls11 | SecurityProtocolType.Tls12, NetFrameworkNetworking.WithTls12(withTls11));
        Assert.Equal(SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13, NetFrameworkNetworking.WithTls12(SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13));
    }

    [Fact]
    public void The_operating_systems_choice_is_left_alone()
    {
        // SystemDefault lets Windows offer TLS 1.2 and 1.3; a flag added to it would narrow that to TLS 1.2.
        Assert.Equal(SecurityProtocolType.SystemDefault, NetFrameworkNetworking.WithTls12(SecurityProtocolType.SystemDefault));
    }

    [Fact]
    public void On_the_Framework_Graph_gets_more_than_two_connections_and_no_Expect_100_continue()
    {
        using var handler = new HttpClientHandler();
        using var client = new HttpClient(handler);

        NetFrameworkNetworking.ConfigureForGraph(handler, client, isNetFramework: true);

        Assert.Equal(NetFrameworkNetworking.GraphConnectionLimit, handler.MaxConnectionsPerServer);
        Assert.True(NetFrameworkNetworking.GraphConnectionLimit > 2);
        Assert.False(client.DefaultRequestHeaders.ExpectContinue);
    }

    [Fact]
    public void On_NET_the_handler_and_client_are_left_as_they_are()
    {
        using var handler = new HttpClientHandler();
        using var client = new HttpClient(handler);
        var limit = handler.MaxConnectionsPerServer;

        NetFrameworkNetworking.ConfigureForGraph(handler, client, isNetFramework: false);

        Assert.Equal(limit, handler.MaxConnectionsPerServer);
        Assert.Null(client.DefaultRequestHeaders.ExpectContinue);
    }

    [Theory]
    [InlineData(WebExceptionStatus.NameResolutionFailure)]      // Unknown host: the Framework gives no SocketException.
    [InlineData(WebExceptionStatus.ProxyNameResolutionFailure)]
    [InlineData(WebExceptionStatus.ConnectFailure)]             // Refused or unreachable.
    public void The_Frameworks_failures_before_a_connection_are_never_sent(WebExceptionStatus status)
    {
        var failure = new HttpRequestException("An error occurred while sending the request.", new WebException("The remote name could not be resolved: 'graph.microsoft.com'", status));

        Assert.True(NetworkFailure.NeverSent(failure));
    }

    [Theory]
    [InlineData(WebExceptionStatus.ReceiveFailure)]      // The connection broke after the request went out.
    [InlineData(WebExceptionStatus.ConnectionClosed)]
    [InlineData(WebExceptionStatus.KeepAliveFailure)]
    [InlineData(WebExceptionStatus.Timeout)]
    public void The_Frameworks_failures_after_a_connection_may_have_been_sent(WebExceptionStatus status)
    {
        var failure = new HttpRequestException("An error occurred while sending the request.", new WebException("The underlying connection was closed.", status));

        Assert.False(NetworkFailure.NeverSent(failure));
    }

    [Fact]
    public void The_Frameworks_refused_connection_with_its_socket_error_is_never_sent_as_on_NET()
    {
        var refusedOnFramework = new HttpRequestException("An error occurred while sending the request.",
            new WebException("Unable to connect to the remote server", new SocketException((int)SocketError.ConnectionRefused), WebExceptionStatus.ConnectFailure, null));
        var resetOnNet = new HttpRequestException("reset", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)));

        Assert.True(NetworkFailure.NeverSent(refusedOnFramework));
        Assert.False(NetworkFailure.NeverSent(resetOnNet));
    }
}
