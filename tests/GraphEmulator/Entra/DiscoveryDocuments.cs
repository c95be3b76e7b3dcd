using System.Text.Json;
using GraphEmulator.Hosting;

namespace GraphEmulator.Entra;

/// <summary>
/// The metadata Entra serves for clients that look before they ask: the tenant's OpenID configuration and the
/// instance discovery answer. MSAL with WithInstanceDiscovery(false) asks for neither for an Entra-style authority;
/// they are here for other clients and for hand use.
/// </summary>
internal static class DiscoveryDocuments
{
    public static EmulatorResponse OpenIdConfiguration(Uri root, string tenant)
    {
        var issuerTenant = TokenEndpoint.IsMultiTenantAlias(tenant) ? "{tenantid}" : tenant;
        return Json(w =>
        {
            w.WriteString("token_endpoint", $"{root}{tenant}/oauth2/v2.0/token");
            w.WriteStartArray("token_endpoint_auth_methods_supported");
            w.WriteStringValue("client_secret_post");
            w.WriteStringValue("private_key_jwt");
            w.WriteStringValue("client_secret_basic");
            w.WriteEndArray();
            w.WriteString("jwks_uri", $"{root}{tenant}/discovery/v2.0/keys");
            w.WriteStartArray("response_modes_supported");
            w.WriteStringValue("query");
            w.WriteStringValue("fragment");
            w.WriteStringValue("form_post");
            w.WriteEndArray();
            w.WriteStartArray("subject_types_supported");
            w.WriteStringValue("pairwise");
            w.WriteEndArray();
            w.WriteStartArray("id_token_signing_alg_values_supported");
            w.WriteStringValue("RS256");
            w.WriteEndArray();
            w.WriteStartArray("response_types_supported");
            w.WriteStringValue("code");
            w.WriteStringValue("id_token");
            w.WriteStringValue("code id_token");
            w.WriteStringValue("id_token token");
            w.WriteEndArray();
            w.WriteStartArray("scopes_supported");
            w.WriteStringValue("openid");
            w.WriteStringValue("profile");
            w.WriteStringValue("email");
            w.WriteStringValue("offline_access");
            w.WriteEndArray();
            w.WriteString("issuer", $"{root}{issuerTenant}/v2.0");
            w.WriteBoolean("request_uri_parameter_supported", false);
            w.WriteString("userinfo_endpoint", $"{root}oidc/userinfo");
            w.WriteString("authorization_endpoint", $"{root}{tenant}/oauth2/v2.0/authorize");
            w.WriteString("device_authorization_endpoint", $"{root}{tenant}/oauth2/v2.0/devicecode");
            w.WriteBoolean("http_logout_supported", true);
            w.WriteBoolean("frontchannel_logout_supported", true);
            w.WriteString("end_session_endpoint", $"{root}{tenant}/oauth2/v2.0/logout");
            w.WriteString("tenant_region_scope", "WW");
            w.WriteString("cloud_instance_name", root.Authority);
            w.WriteString("cloud_graph_host_name", root.Authority);
            w.WriteString("msgraph_host", root.Authority);
        });
    }

    /// <summary>GET /common/discovery/instance: this host is its own, only alias.</summary>
    public static EmulatorResponse InstanceDiscovery(Uri root, string? authorizationEndpoint)
    {
        var tenant = "common";
        if (Uri.TryCreate(authorizationEndpoint, UriKind.Absolute, out var asked) && asked.Segments.Length > 1)
        {
            tenant = asked.Segments[1].TrimEnd('/');
        }

        return Json(w =>
        {
            w.WriteString("tenant_discovery_endpoint", $"{root}{tenant}/v2.0/.well-known/openid-configuration");
            w.WriteString("api-version", "1.1");
            w.WriteStartArray("metadata");
            w.WriteStartObject();
            w.WriteString("preferred_network", root.Authority);
            w.WriteString("preferred_cache", root.Authority);
            w.WriteStartArray("aliases");
            w.WriteStringValue(root.Authority);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        });
    }

    private static EmulatorResponse Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return new EmulatorResponse(200, "application/json; charset=utf-8", buffer.ToArray()) { CarriesGraphIds = false };
    }
}
