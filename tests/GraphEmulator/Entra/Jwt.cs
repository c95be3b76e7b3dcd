using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GraphEmulator.Entra;

/// <summary>
/// Compact JWTs: base64url(header).base64url(payload).base64url(signature). The emulator signs what it issues with
/// HS256 under a key of its own (nothing verifies them: Graph looks tokens up, MSAL only decodes id tokens) and
/// reads client assertions, whose RSA signature <see cref="ClientAssertionValidator"/> checks.
/// </summary>
internal sealed class Jwt
{
    // One key per process: enough to make the tokens well-formed JWS; they are never verified by signature.
    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    private Jwt(JsonObject header, JsonObject payload, byte[] signingInput, byte[] signature)
    {
        Header = header;
        Payload = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    public JsonObject Header { get; }

    public JsonObject Payload { get; }

    /// <summary>The ASCII bytes the signature covers: the first two segments and the dot between them.</summary>
    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    /// <summary>A token signed with the emulator's HS256 key.</summary>
    public static string Create(JsonObject payload)
    {
        var header = new JsonObject { ["typ"] = "JWT", ["alg"] = "HS256" };
        var signingInput = Encode(header) + "." + Encode(payload);
        var signature = HMACSHA256.HashData(SigningKey, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>base64url of the JSON of <paramref name="node"/> (client_info is sent this way too).</summary>
    public static string Encode(JsonNode node) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(node.ToJsonString()));

    /// <summary>Splits and decodes a compact JWT; null when it is not three base64url segments with JSON objects in the first two.</summary>
    public static Jwt? TryParse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) as JsonObject;
            var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject;
            var signature = Base64Url.DecodeFromChars(parts[2]);
            return header is null || payload is null
                ? null
                : new Jwt(header, payload, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A string claim or header value; null when absent or not a string.</summary>
    public static string? String(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// A NumericDate claim (seconds since 1970, possibly fractional); null when absent or not a number. MSAL.NET 4.92
    /// writes nbf and exp of its client assertions as JSON strings ("1795444757"), which Entra accepts: so does this.
    /// </summary>
    public static DateTimeOffset? Time(JsonObject json, string name)
    {
        if (json[name] is not JsonValue value)
        {
            return null;
        }

        double seconds;
        if (value.TryGetValue<string>(out var text))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            {
                return null;
            }
        }
        else if (!value.TryGetValue(out seconds))
        {
            return null;
        }

        return double.IsFinite(seconds) && Math.Abs(seconds) < 253402300799 ? DateTimeOffset.UnixEpoch.AddSeconds(seconds) : null;
    }

    /// <summary>The aud claim as a list: a JWT may carry one audience or an array of them.</summary>
    public static IReadOnlyList<string> Audiences(JsonObject json) => json["aud"] switch
    {
        JsonValue single when single.TryGetValue<string>(out var one) => [one],
        JsonArray many => [.. many.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>()],
        _ => [],
    };
}
