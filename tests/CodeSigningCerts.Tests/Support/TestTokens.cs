using System.Text;
using System.Text.Json;

namespace CodeSigningCerts.Tests.Support;

/// <summary>Unsigned JWTs shaped like Graph's, for the claims the module shows in its context.</summary>
public static class TestTokens
{
    public static string Jwt(string tenantId, string clientId, string account, string scopes, DateTimeOffset expires)
    {
        var header = Encode(new Dictionary<string, object> { ["typ"] = "JWT", ["alg"] = "none" });
        var payload = Encode(new Dictionary<string, object>
        {
            ["aud"] = "https://graph.microsoft.com",
            ["tid"] = tenantId,
            ["appid"] = clientId,
            ["upn"] = account,
            ["scp"] = scopes,
            ["exp"] = expires.ToUnixTimeSeconds(),
        });
        return header + "." + payload + ".c2lnbmF0dXJl";
    }

    private static string Encode(object value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
