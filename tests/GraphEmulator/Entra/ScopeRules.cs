namespace GraphEmulator.Entra;

/// <summary>Which scopes Entra grants for the linked Graph: {graph}/.default app-only, {graph}/{permission} for people.</summary>
internal static class ScopeRules
{
    private const string DefaultSuffix = "/.default";

    /// <summary>OpenID Connect scopes that MSAL adds to every public-client request; they name no resource.</summary>
    private static readonly string[] OidcScopes = ["openid", "profile", "offline_access", "email"];

    /// <summary>Client credentials: exactly one scope, the linked Graph's /.default.</summary>
    public static EntraFailure? CheckAppOnly(string? scope, string graphResource, string tenant)
    {
        if (string.IsNullOrWhiteSpace(scope))
        {
            return EntraFailure.MissingParameter("scope");
        }

        var items = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (items.Length != 1 || !items[0].EndsWith(DefaultSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return new EntraFailure(
                400,
                "invalid_scope",
                1002012,
                $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }

        var resource = items[0][..^DefaultSuffix.Length];
        return IsResource(resource, graphResource) ? null : EntraFailure.UnknownResource(resource, tenant);
    }

    /// <summary>
    /// Delegated: every scope is an OIDC one or {graph}/{permission}, at least one of the latter.
    /// <paramref name="granted"/> is what the response's "scope" echoes; <paramref name="permissions"/> what goes into scp.
    /// </summary>
    public static EntraFailure? CheckDelegated(string? scope, string graphResource, out string granted, out string[] permissions)
    {
        granted = string.Empty;
        permissions = [];
        if (string.IsNullOrWhiteSpace(scope))
        {
            return EntraFailure.MissingParameter("scope");
        }

        var names = new List<string>();
        var grantedScopes = new List<string>();
        foreach (var item in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (OidcScopes.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                grantedScopes.Add(item);
                continue;
            }

            var slash = item.LastIndexOf('/');
            if (slash <= 0 || slash == item.Length - 1 || !IsResource(item[..slash], graphResource))
            {
                return EntraFailure.InvalidScope(item);
            }

            var name = item[(slash + 1)..];
            names.Add(name == ".default" ? TokenIssuer.Permission : name);
            grantedScopes.Add(item);
        }

        if (names.Count == 0)
        {
            return EntraFailure.InvalidScope(scope);
        }

        granted = string.Join(' ', grantedScopes);
        permissions = [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
        return null;
    }

    /// <summary>True when <paramref name="resource"/> names the linked Graph (case and a trailing slash aside).</summary>
    public static bool IsResource(string resource, string graphResource) =>
        string.Equals(resource.TrimEnd('/'), graphResource, StringComparison.OrdinalIgnoreCase);
}
