using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Faults;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>-Debug shows every request and answer, and never the token.</summary>
public sealed class DebugRedactionTests : EmulatedGraphTest
{
    [Fact]
    public void Debug_output_shows_requests_and_answers_with_the_token_redacted_in_every_stream()
    {
        var token = TestTokens.Jwt("11111111-2222-3333-4444-555555555555", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "admin@contoso.com", "DeviceManagementApps.ReadWrite.All", DateTimeOffset.UtcNow.AddHours(1));
        Graph.Options.ExtraAcceptedTokens.Add(token);
        var host = new TestHost();
        using var console = new PsSession(host: host);
        var connected = console.Connect(Graph.BaseUri, token, "-Debug -Verbose");
        using var certificate = TestCertificates.CodeSigning("Debugged");
        Graph.Faults.Enqueue(Fault.TooManyRequests(1), "POST");

        var result = console.Run(
            "$c | New-EnterpriseCodeSigningCertificate -Debug -Verbose | Remove-EnterpriseCodeSigningCertificate -Confirm:$false -Debug -Verbose; Get-EnterpriseCodeSigningCertificate -Debug -Verbose",
            ("c", certificate));

        Assert.Empty(result.Errors);
        Assert.Contains(result.Debug, d => d.StartsWith("HTTP request: POST", StringComparison.Ordinal) && d.Contains("Authorization: Bearer [redacted]", StringComparison.Ordinal));
        Assert.Contains(result.Debug, d => d.StartsWith("HTTP response: 429", StringComparison.Ordinal));
        Assert.Contains(result.Debug, d => d.StartsWith("HTTP response: 201", StringComparison.Ordinal));
        Assert.Contains(result.Debug, d => d.StartsWith("HTTP request: DELETE", StringComparison.Ordinal));
        Assert.NotEmpty(connected.Verbose);
        var everything = connected.AllText() + "\n" + result.AllText() + "\n" + string.Join("\n", host.Lines);
        foreach (var part in token.Split('.').Prepend(token))
        {
            Assert.DoesNotContain(part, everything, StringComparison.Ordinal);
        }
    }
}
