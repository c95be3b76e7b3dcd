namespace GraphEmulator.Graph;

/// <summary>An authenticated Graph request, as the endpoints see it.</summary>
internal sealed class GraphRequest
{
    public required string Method { get; init; }

    public required GraphRoute Route { get; init; }

    /// <summary>Query options by name (case-insensitive), unescaped.</summary>
    public required IReadOnlyDictionary<string, string> Query { get; init; }

    public required string Body { get; init; }

    public string? ContentType { get; init; }

    public required RequestIds Ids { get; init; }

    /// <summary>scheme://host/ as the client addressed this server: links are built on it.</summary>
    public required Uri ServiceRoot { get; init; }

    public required string TenantId { get; init; }

    public bool IsList => Route.Kind == RouteKind.Collection && HttpMethods.IsGet(Method);

    /// <summary>Intune's write limit counts POST, PATCH and DELETE (and PUT, which this resource refuses).</summary>
    public bool IsWrite => HttpMethods.IsPost(Method) || HttpMethods.IsPatch(Method) || HttpMethods.IsDelete(Method) || HttpMethods.IsPut(Method);

    /// <summary>The entity set's URL on the given root, e.g. http://127.0.0.1:5080/beta/deviceAppManagement/enterpriseCodeSigningCertificates.</summary>
    public string CollectionUrl(Uri root) => $"{root}{Route.Version}/{GraphRoute.DeviceAppManagement}/{GraphRoute.EntitySet}";

    /// <summary>The @odata.context of the entity set.</summary>
    public string ContextUrl => $"{ServiceRoot}{Route.Version}/$metadata#{GraphRoute.DeviceAppManagement}/{GraphRoute.EntitySet}";
}
