using System.Security.Cryptography;
using System.Text;
using GraphEmulator.Hosting;
using GraphEmulator.Tenants;

namespace GraphEmulator.Entra;

/// <summary>
/// POST /{tenant}/oauth2/v2.0/token: client credentials (secret or certificate assertion), device code redemption
/// and refresh tokens, answered with Entra's bodies and status codes.
/// </summary>
internal sealed class TokenEndpoint(EntraEmulatorServer server)
{
    /// <summary>RFC 8628's grant type. MSAL.NET sends the short form "device_code" instead, which Entra accepts too.</summary>
    public const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";
    public const string JwtBearerAssertion = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public EmulatorResponse Handle(string tenant, IFormCollection form, Uri requestRoot, TokenExchange exchange)
    {
        exchange.TenantId = tenant;
        exchange.GrantType = Value(form, "grant_type");
        exchange.ClientId = Value(form, "client_id");
        exchange.Scope = Value(form, "scope");
        if (exchange.GrantType is null)
        {
            return exchange.Fail(EntraFailure.MissingParameter("grant_type"));
        }

        if (exchange.ClientId is null)
        {
            return exchange.Fail(EntraFailure.MissingParameter("client_id"));
        }

        return exchange.GrantType switch
        {
            "client_credentials" => ClientCredentials(tenant, form, requestRoot, exchange),
            DeviceCodeGrant or "device_code" => DeviceCode(form, exchange),
            "refresh_token" => Refresh(tenant, form, exchange),
            _ => exchange.Fail(new EntraFailure(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{exchange.GrantType}'.")),
        };
    }

    /// <summary>A form value, or null when absent or empty (Entra treats both as missing).</summary>
    public static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } text ? text : null;

    /// <summary>"organizations", "common" and "consumers" name no tenant: the person's home tenant is used.</summary>
    public static bool IsMultiTenantAlias(string tenant) =>
        tenant.Equals("organizations", StringComparison.OrdinalIgnoreCase)
        || tenant.Equals("common", StringComparison.OrdinalIgnoreCase)
        || tenant.Equals("consumers", StringComparison.OrdinalIgnoreCase);

    private EmulatorResponse ClientCredentials(string tenant, IFormCollection form, Uri requestRoot, TokenExchange exchange)
    {
        var clientId = exchange.ClientId!;
        if (IsMultiTenantAlias(tenant))
        {
            return exchange.Fail(EntraFailure.InvalidRequest(50059, "No tenant-identifying information found in either the request or implied by any provided credentials."));
        }

        var secret = Value(form, "client_secret");
        var assertion = Value(form, "client_assertion");
        exchange.AuthMethod = secret is not null ? "secret" : assertion is not null ? "assertion" : null;
        var app = server.Directory.FindApp(tenant, clientId);
        if (app is null)
        {
            return exchange.Fail(EntraFailure.UnknownClient(clientId, tenant));
        }

        string credentialType;
        if (secret is not null)
        {
            if (app.Secret is null || !SameSecret(secret, app.Secret))
            {
                return exchange.Fail(new EntraFailure(
                    401,
                    "invalid_client",
                    7000215,
                    $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'."));
            }

            credentialType = "1";
        }
        else if (assertion is not null)
        {
            if (Value(form, "client_assertion_type") != JwtBearerAssertion)
            {
                return exchange.Fail(EntraFailure.InvalidRequest(50027, "The client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer."));
            }

            var audiences = new[] { $"{requestRoot}{tenant}/oauth2/v2.0/token", $"{requestRoot}{tenant}/v2.0" };
            if (ClientAssertionValidator.Validate(assertion, app.Certificate, clientId, audiences, DateTimeOffset.UtcNow) is { } refused)
            {
                return exchange.Fail(refused);
            }

            credentialType = "2";
        }
        else
        {
            return exchange.Fail(new EntraFailure(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."));
        }

        if (ScopeRules.CheckAppOnly(exchange.Scope, server.Issuer.GraphResource, tenant) is { } badScope)
        {
            return exchange.Fail(badScope);
        }

        var servicePrincipal = EntraUser.StableId("sp|" + clientId.ToUpperInvariant() + "|" + app.TenantId.ToUpperInvariant());
        var token = server.Issuer.AppToken(server.AuthorityHost, app.TenantId, clientId, servicePrincipal, credentialType);
        return exchange.Succeed(token.Token, w =>
        {
            w.WriteString("token_type", "Bearer");
            w.WriteString("scope", exchange.Scope);
            w.WriteNumber("expires_in", TokenExchange.Seconds(token.Lifetime));
            w.WriteNumber("ext_expires_in", TokenExchange.Seconds(token.Lifetime));
            w.WriteString("access_token", token.Token);
        });
    }

    private EmulatorResponse DeviceCode(IFormCollection form, TokenExchange exchange)
    {
        exchange.AuthMethod = "device_code";
        var deviceCode = Value(form, "device_code");
        if (deviceCode is null)
        {
            return exchange.Fail(EntraFailure.MissingParameter("device_code"));
        }

        var authorization = server.DeviceCodes.FindByDeviceCode(deviceCode);
        if (authorization is null || !string.Equals(authorization.ClientId, exchange.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return exchange.Fail(new EntraFailure(400, "invalid_grant", 70000, "The provided value for the 'device_code' is not valid."));
        }

        if (authorization.IsExpired(DateTimeOffset.UtcNow))
        {
            return exchange.Fail(new EntraFailure(400, "expired_token", 70019, "Verification code expired."));
        }

        switch (authorization.TryRedeem(out var user))
        {
            case RedeemOutcome.Pending:
                return exchange.Fail(new EntraFailure(400, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling."));
            case RedeemOutcome.AlreadyRedeemed:
                return exchange.Fail(new EntraFailure(400, "invalid_grant", 70000, "The provided value for the 'device_code' has already been redeemed."));
        }

        // The token is for the scopes the code was issued for, whatever this poll repeats.
        ScopeRules.CheckDelegated(authorization.Scope, server.Issuer.GraphResource, out var granted, out var permissions);
        return UserTokens(exchange, new RefreshGrant(authorization.ClientId, user!), granted, permissions, form);
    }

    private EmulatorResponse Refresh(string tenant, IFormCollection form, TokenExchange exchange)
    {
        exchange.AuthMethod = "refresh_token";
        var refreshToken = Value(form, "refresh_token");
        if (refreshToken is null)
        {
            return exchange.Fail(EntraFailure.MissingParameter("refresh_token"));
        }

        if (!server.Directory.IsPublicClient(exchange.ClientId!))
        {
            return exchange.Fail(EntraFailure.UnknownClient(exchange.ClientId!, tenant));
        }

        if (server.RefreshTokens.WasRevoked(refreshToken))
        {
            return exchange.Fail(new EntraFailure(400, "invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password."));
        }

        var grant = server.RefreshTokens.Find(refreshToken);
        if (grant is null || !string.Equals(grant.ClientId, exchange.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return exchange.Fail(new EntraFailure(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."));
        }

        if (ScopeRules.CheckDelegated(exchange.Scope, server.Issuer.GraphResource, out var granted, out var permissions) is { } badScope)
        {
            return exchange.Fail(badScope);
        }

        return UserTokens(exchange, grant, granted, permissions, form);
    }

    // A person's tokens: access token, a new refresh token, id token, and client_info when asked for (MSAL always asks).
    private EmulatorResponse UserTokens(TokenExchange exchange, RefreshGrant grant, string granted, string[] permissions, IFormCollection form)
    {
        var token = server.Issuer.UserToken(server.AuthorityHost, grant.User, grant.ClientId, permissions);
        var refreshToken = server.RefreshTokens.Issue(grant);
        var idToken = TokenIssuer.IdToken(server.AuthorityHost, grant.User, grant.ClientId);
        var clientInfo = Value(form, "client_info") == "1" ? TokenIssuer.ClientInfo(grant.User) : null;
        return exchange.Succeed(token.Token, w =>
        {
            w.WriteString("token_type", "Bearer");
            w.WriteString("scope", granted);
            w.WriteNumber("expires_in", TokenExchange.Seconds(token.Lifetime));
            w.WriteNumber("ext_expires_in", TokenExchange.Seconds(token.Lifetime));
            w.WriteString("access_token", token.Token);
            w.WriteString("refresh_token", refreshToken);
            w.WriteString("id_token", idToken);
            if (clientInfo is not null)
            {
                w.WriteString("client_info", clientInfo);
            }
        });
    }

    // Constant-time, so the emulator never models a timing oracle a real service would not have.
    private static bool SameSecret(string sent, string registered) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(registered));
}
