using System.Text.Json.Nodes;
using GraphEmulator.Tenants;

namespace GraphEmulator.Entra;

/// <summary>
/// Mints Entra-shaped tokens for the linked Graph emulator and registers each access token there (its tenant and
/// expiry), so Graph accepts exactly what Entra issued, for as long as it lives. Thread-safe.
/// </summary>
internal sealed class TokenIssuer(GraphEmulatorServer graph, EntraOptions options)
{
    /// <summary>The one permission the module needs: application role for app-only, delegated scope for people.</summary>
    public const string Permission = "DeviceManagementApps.ReadWrite.All";

    private readonly Lock gate = new();
    private readonly List<string> issued = [];

    public IReadOnlyList<string> Issued
    {
        get
        {
            lock (gate)
            {
                return [.. issued];
            }
        }
    }

    /// <summary>The Graph root as Entra names the resource: no trailing slash, e.g. http://127.0.0.1:41267.</summary>
    public string GraphResource => graph.BaseUri.GetLeftPart(UriPartial.Authority);

    /// <summary>An app-only token (client credentials or managed identity): roles, no scp, no user.</summary>
    public IssuedAccessToken AppToken(Uri authorityHost, string tenantId, string clientId, string servicePrincipalId, string credentialType)
    {
        var claims = CommonClaims(authorityHost, tenantId, clientId, out var lifetime);
        claims["appidacr"] = credentialType; // 1: secret, 2: certificate, as Entra writes it
        claims["idtyp"] = "app";
        claims["oid"] = servicePrincipalId;
        claims["sub"] = servicePrincipalId;
        claims["roles"] = new JsonArray(Permission);
        return Register(claims, tenantId, lifetime);
    }

    /// <summary>A delegated token for a person through a public client: scp, upn, name.</summary>
    public IssuedAccessToken UserToken(Uri authorityHost, EntraUser user, string clientId, IEnumerable<string> scopes)
    {
        var claims = CommonClaims(authorityHost, user.TenantId, clientId, out var lifetime);
        claims["appidacr"] = "0"; // a public client has no credential
        claims["idtyp"] = "user";
        claims["amr"] = new JsonArray("pwd", "mfa");
        claims["oid"] = user.ObjectId;
        claims["sub"] = user.ObjectId;
        claims["scp"] = string.Join(' ', scopes);
        claims["upn"] = user.UserPrincipalName;
        claims["unique_name"] = user.UserPrincipalName;
        claims["preferred_username"] = user.UserPrincipalName;
        claims["name"] = user.DisplayName;
        return Register(claims, user.TenantId, lifetime);
    }

    /// <summary>
    /// The v2.0 id token MSAL reads (without verifying its signature) to fill the account: oid, tid,
    /// preferred_username and name; aud is the client, iss the tenant's v2.0 issuer.
    /// </summary>
    public static string IdToken(Uri authorityHost, EntraUser user, string clientId)
    {
        var now = DateTimeOffset.UtcNow;
        return Jwt.Create(new JsonObject
        {
            ["aud"] = clientId,
            ["iss"] = $"{authorityHost}{user.TenantId}/v2.0",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["name"] = user.DisplayName,
            ["oid"] = user.ObjectId,
            ["preferred_username"] = user.UserPrincipalName,
            ["sub"] = EntraUser.StableId(user.ObjectId + "|" + clientId), // pairwise per app, as Entra's sub is
            ["tid"] = user.TenantId,
            ["uti"] = Guid.NewGuid().ToString("N"),
            ["ver"] = "2.0",
        });
    }

    /// <summary>client_info: base64url of {"uid","utid"}, from which MSAL builds the account's home id.</summary>
    public static string ClientInfo(EntraUser user) =>
        Jwt.Encode(new JsonObject { ["uid"] = user.ObjectId, ["utid"] = user.TenantId });

    // A v1.0-shaped Graph token, as Entra issues for Microsoft Graph whatever endpoint was used.
    private JsonObject CommonClaims(Uri authorityHost, string tenantId, string clientId, out TimeSpan lifetime)
    {
        lifetime = options.TokenLifetime;
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["aud"] = GraphResource,
            ["iss"] = $"{authorityHost}{tenantId}/",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["appid"] = clientId,
            ["idp"] = $"{authorityHost}{tenantId}/",
            ["tid"] = tenantId,
            ["uti"] = Guid.NewGuid().ToString("N"), // every token differs, even two in the same second
            ["ver"] = "1.0",
        };
    }

    private IssuedAccessToken Register(JsonObject claims, string tenantId, TimeSpan lifetime)
    {
        var token = Jwt.Create(claims);
        var expiresAt = DateTimeOffset.UtcNow + lifetime;

        // Expiry first: there is never a moment when Graph accepts the token without knowing when it ends.
        graph.Options.TokenExpiry[token] = expiresAt;
        graph.Options.TokenTenants[token] = tenantId;
        lock (gate)
        {
            issued.Add(token);
        }

        return new IssuedAccessToken(token, expiresAt, lifetime);
    }
}
