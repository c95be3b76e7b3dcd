using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>A server that quotes the request's token back in its error never gets it into the ErrorRecord.</summary>
public sealed class TokenEchoTests
{
    public static TheoryData<string> Tokens => new()
    {
        TestTokens.Jwt("11111111-2222-3333-4444-555555555555", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "admin@contoso.com", "DeviceManagementApps.ReadWrite.All", DateTimeOffset.UtcNow.AddHours(1)),
        "opaque-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task A_token_quoted_back_in_an_error_body_is_in_no_part_of_the_error(string token)
    {
        // Graph's answer shape, with the Authorization header quoted in the code, the message and the reason phrase.
        await using var graph = RawHttpServer.Start(request =>
        {
            var quoted = request.Headers.TryGetValue("Authorization", out var header) ? header : "none";
            var body = "{\"error\":{\"code\":\"InvalidAuthenticationToken " + quoted + "\",\"message\":\"Access token validation failure for '" + quoted + "'.\"}}";
            return RawHttpServer.Answer(401, "Unauthorized " + quoted, body, ("Content-Type", "application/json"));
        });
        using var ps = new PsSession();
        ps.Connect(graph.BaseUri, token);

        var result = ps.Run("Get-EnterpriseCodeSigningCertificate -Debug");

        Assert.Equal(new[] { "GraphAuthenticationFailed" }, result.ErrorIds);
        Assert.Contains(graph.Requests, r => r.Headers["Authorization"] == "Bearer " + token);
        var error = result.Errors[0];
        Assert.Contains("[redacted]", error.ErrorDetails!.Message, StringComparison.Ordinal);
        var everything = string.Join(
            "\n",
            error.ToString(),
            error.Exception.ToString(),
            error.Exception.Message,
            error.ErrorDetails.Message,
            error.ErrorDetails.RecommendedAction,
            error.TargetObject?.ToString() ?? string.Empty,
            result.AllText());
        foreach (var part in token.Split('.').Where(p => p.Length >= 16).Prepend(token))
        {
            Assert.DoesNotContain(part, everything, StringComparison.Ordinal);
        }
    }
}
