using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Auth;

/// <summary>
/// Connect with Entra unreachable fails with the module's own error, not a raw HttpRequestException. (The Pester
/// suite, tests/Acceptance/SignIn.Tests.ps1, takes every flow and failure through the official pwsh.)
/// </summary>
public sealed class UnreachableSignInTests
{
    [Theory]
    [InlineData("-ClientSecret $secret -ClientId 5c0b6a3e-1111-4222-8333-444444444444")]
    [InlineData("-UseDeviceCode")]
    public void A_refused_connection_to_Entra_is_SignInUnreachable_with_advice(string flow)
    {
        var authority = new Uri("https://127.0.0.1:" + ClosedPort() + "/");
        using var ps = new PsSession();

        var result = ps.Run(
            "Connect-EnterpriseCodeSigning -TenantId contoso.onmicrosoft.com -AuthorityHost $authority -GraphEndpoint http://127.0.0.1:9 " + flow,
            ("authority", authority), ("secret", PsSession.Secure("unreachable-secret-value")));

        Assert.Equal(new[] { "SignInUnreachable" }, result.ErrorIds);
        var error = result.Errors[0];
        Assert.EndsWith(",CodeSigningCerts.Commands.ConnectEnterpriseCodeSigningCommand", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Equal(authority, error.TargetObject);
        Assert.StartsWith("Microsoft Entra ID at " + authority + " could not be reached to sign in: ", error.ErrorDetails.Message, StringComparison.Ordinal);
        foreach (var named in new[] { "network path", "proxy", "-Environment", "-AuthorityHost" })
        {
            Assert.Contains(named, error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unreachable-secret-value", result.AllText(), StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
