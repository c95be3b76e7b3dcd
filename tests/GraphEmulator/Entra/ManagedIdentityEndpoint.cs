using GraphEmulator.Hosting;

namespace GraphEmulator.Entra;

/// <summary>
/// App Service / Azure Automation's managed identity protocol (api-version 2019-08-01), for one emulator's identities:
/// GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&amp;resource=...[&amp;client_id=|object_id=|mi_res_id=] with header
/// X-IDENTITY-HEADER: {IDENTITY_HEADER}; answers {"access_token","expires_on" (Unix seconds as a string),
/// "resource","token_type","client_id"}, errors as {"statusCode","message","correlationId"}.
/// </summary>
internal sealed class ManagedIdentityEndpoint(EntraEmulatorServer server)
{
    public const string ApiVersion = "2019-08-01";
    public const string HeaderName = "X-IDENTITY-HEADER";

    public EmulatorResponse Handle(HttpRequest request, string resource, string expectedHeader, TokenExchange exchange)
    {
        exchange.Resource = resource;
        exchange.AuthMethod = "managed_identity";
        var query = request.Query;
        string? Parameter(string name) => query.TryGetValue(name, out var v) && v.ToString() is { Length: > 0 } text ? text : null;
        var clientId = Parameter("client_id");
        var objectId = Parameter("object_id") ?? Parameter("principal_id");
        var resourceId = Parameter("mi_res_id");
        exchange.ClientId = clientId;

        var header = request.Headers[HeaderName].ToString();
        if (header.Length == 0)
        {
            return exchange.FailManagedIdentity(400, $"The request is missing the {HeaderName} header.");
        }

        if (header != expectedHeader)
        {
            return exchange.FailManagedIdentity(401, $"The {HeaderName} header does not match this resource's IDENTITY_HEADER.");
        }

        var apiVersion = Parameter("api-version");
        if (apiVersion != ApiVersion)
        {
            return exchange.FailManagedIdentity(400, $"The api-version '{apiVersion}' is not supported; use {ApiVersion}.");
        }

        var identity = server.Directory.FindManagedIdentity(clientId, objectId, resourceId);
        if (identity is null)
        {
            return exchange.FailManagedIdentity(
                400,
                clientId is null && objectId is null && resourceId is null
                    ? "No Managed Identity found: this resource has no system-assigned identity enabled."
                    : "No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.");
        }

        exchange.ClientId = identity.ClientId;
        exchange.TenantId = identity.TenantId;
        var token = server.Issuer.AppToken(server.AuthorityHost, identity.TenantId, identity.ClientId, identity.ObjectId, "2");
        return exchange.Succeed(token.Token, w =>
        {
            w.WriteString("access_token", token.Token);
            w.WriteString("expires_on", TokenExchange.UnixSeconds(token.ExpiresAt));
            w.WriteString("resource", resource);
            w.WriteString("token_type", "Bearer");
            w.WriteString("client_id", identity.ClientId);
        });
    }
}
