using GraphEmulator.Hosting;
using GraphEmulator.Tenants;

namespace GraphEmulator.Entra;

/// <summary>
/// POST /{tenant}/oauth2/v2.0/devicecode: issues a device code and the user code a person would type at
/// /devicelogin. Polling interval 1 s (Entra says 5) so tests are quick; MSAL waits exactly what it is told.
/// </summary>
internal sealed class DeviceCodeEndpoint(EntraEmulatorServer server)
{
    public const int PollingIntervalSeconds = 1;

    public EmulatorResponse Handle(string tenant, IFormCollection form, Uri requestRoot, TokenExchange exchange)
    {
        exchange.TenantId = tenant;
        exchange.AuthMethod = "device_code";
        exchange.ClientId = TokenEndpoint.Value(form, "client_id");
        exchange.Scope = TokenEndpoint.Value(form, "scope");
        if (exchange.ClientId is null)
        {
            return exchange.Fail(EntraFailure.MissingParameter("client_id"));
        }

        if (!server.Directory.IsPublicClient(exchange.ClientId))
        {
            return exchange.Fail(EntraFailure.UnknownClient(exchange.ClientId, tenant));
        }

        if (ScopeRules.CheckDelegated(exchange.Scope, server.Issuer.GraphResource, out _, out _) is { } badScope)
        {
            return exchange.Fail(badScope);
        }

        var options = server.Options;
        var lifetime = options.DeviceCodeLifetime;
        var authorization = server.DeviceCodes.Issue(exchange.ClientId, tenant, exchange.Scope!, DateTimeOffset.UtcNow + lifetime);
        if (options.AutoApproveDeviceCodes)
        {
            authorization.TryApprove(EntraUser.Create(options.DefaultUser, server.HomeTenant(tenant)), DateTimeOffset.UtcNow);
        }

        var verificationUri = $"{requestRoot}devicelogin";
        return exchange.Succeed(null, w =>
        {
            w.WriteString("user_code", authorization.UserCode);
            w.WriteString("device_code", authorization.DeviceCode);
            w.WriteString("verification_uri", verificationUri);
            w.WriteNumber("expires_in", TokenExchange.Seconds(lifetime));
            w.WriteNumber("interval", PollingIntervalSeconds);
            w.WriteString("message", $"To sign in, use a web browser to open the page {verificationUri} and enter the code {authorization.UserCode} to authenticate.");
        });
    }
}
