using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace GraphEmulator.Entra;

/// <summary>
/// Checks a client assertion (RFC 7523) the way Entra does for a certificate credential: the header names the
/// registered certificate (x5t and/or x5t#S256, and x5c when sent), the RSA signature verifies with its public key
/// (RS256 or PS256: MSAL.NET signs PS256 for Entra authorities), iss and sub are the client id, aud is this token
/// endpoint, and it has not expired.
/// </summary>
internal static class ClientAssertionValidator
{
    // Entra tolerates a few minutes between the client's clock and its own.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Null when the assertion is good; otherwise Entra's error for it.</summary>
    public static EntraFailure? Validate(
        string assertion,
        X509Certificate2? registered,
        string clientId,
        IReadOnlyCollection<string> acceptedAudiences,
        DateTimeOffset now)
    {
        var jwt = Jwt.TryParse(assertion);
        if (jwt is null)
        {
            return Invalid(700027, "Client assertion contains an invalid signature. [Reason - The assertion is not a well-formed JWT.]");
        }

        if (registered is null)
        {
            return Invalid(700027, $"The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '{clientId}'.]");
        }

        var x5t = Jwt.String(jwt.Header, "x5t");
        var x5tS256 = Jwt.String(jwt.Header, "x5t#S256");
        var sha1 = Base64Url.EncodeToString(registered.GetCertHash(HashAlgorithmName.SHA1));
        var sha256 = Base64Url.EncodeToString(registered.GetCertHash(HashAlgorithmName.SHA256));
        if ((x5t is null && x5tS256 is null) || (x5t is not null && x5t != sha1) || (x5tS256 is not null && x5tS256 != sha256))
        {
            return Invalid(700027, $"The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '{x5tS256 ?? x5t ?? "(none)"}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '{clientId}'.]");
        }

        if (!X5cMatches(jwt.Header, registered))
        {
            return Invalid(700027, "The certificate chain in the x5c header does not start with the certificate registered on the application.");
        }

        if (!SignatureVerifies(jwt, registered))
        {
            return Invalid(700027, "Client assertion failed signature validation.");
        }

        var iss = Jwt.String(jwt.Payload, "iss");
        var sub = Jwt.String(jwt.Payload, "sub");
        if (iss != clientId || sub != clientId)
        {
            return Invalid(700021, $"Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials . (iss '{iss}', sub '{sub}', client_id '{clientId}')");
        }

        var audiences = Jwt.Audiences(jwt.Payload);
        if (!audiences.Any(a => acceptedAudiences.Contains(a, StringComparer.OrdinalIgnoreCase)))
        {
            return Invalid(700027, $"Client assertion audience claim does not match Realm issuer. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials . (aud '{string.Join(' ', audiences)}', expected '{acceptedAudiences.First()}')");
        }

        var expires = Jwt.Time(jwt.Payload, "exp");
        var notBefore = Jwt.Time(jwt.Payload, "nbf");
        if (expires is null || expires <= now - ClockSkew || (notBefore is { } nbf && nbf > now + ClockSkew))
        {
            return Invalid(700024, "Client assertion is not within its valid time range.");
        }

        return null;
    }

    private static bool SignatureVerifies(Jwt jwt, X509Certificate2 certificate)
    {
        var padding = Jwt.String(jwt.Header, "alg") switch
        {
            "RS256" => RSASignaturePadding.Pkcs1,
            "PS256" => RSASignaturePadding.Pss,
            _ => null,
        };
        using var key = certificate.GetRSAPublicKey();
        return padding is not null && key is not null
            && key.VerifyData(jwt.SigningInput, jwt.Signature, HashAlgorithmName.SHA256, padding);
    }

    // x5c (sent by MSAL's sendX5C for subject-name/issuer authentication) is optional; when present its leaf must be ours.
    private static bool X5cMatches(JsonObject header, X509Certificate2 registered)
    {
        if (header["x5c"] is null)
        {
            return true;
        }

        var leaf = header["x5c"] switch
        {
            JsonArray chain when chain.Count > 0 && chain[0] is JsonValue first && first.TryGetValue<string>(out var text) => text,
            JsonValue single when single.TryGetValue<string>(out var text) => text,
            _ => null,
        };
        try
        {
            return leaf is not null && Convert.FromBase64String(leaf).AsSpan().SequenceEqual(registered.RawData);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static EntraFailure Invalid(int code, string message) => new(401, "invalid_client", code, message);
}
