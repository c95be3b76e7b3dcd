using System.Globalization;
using System.Text.Json;
using GraphEmulator.Hosting;

namespace GraphEmulator.Graph;

/// <summary>The enterpriseCodeSigningCertificates operations: list, get, create, update, delete.</summary>
internal sealed class CertificateEndpoints(EmulatorOptions options)
{
    /// <summary>Answers <paramref name="request"/> against <paramref name="store"/>. <paramref name="foreignHost"/>, when set, is where the list's nextLink points.</summary>
    public EmulatorResponse Handle(GraphRequest request, CertificateStore store, Uri? foreignHost = null)
    {
        var route = request.Route;
        switch (route.Kind)
        {
            case RouteKind.UnknownVersion:
                return ODataError.BadRequest($"Invalid version: {route.Segment}", request.Ids);
            case RouteKind.UnknownSegment:
                return ODataError.BadRequest($"Resource not found for the segment '{route.Segment}'.", request.Ids);
        }

        if (route.Version == "v1.0" && !options.AnswerOnV1)
        {
            // v1.0's deviceAppManagement has no such navigation property, whatever the v1.0 page shows (the v1.0 metadata).
            return ODataError.BadRequest($"Resource not found for the segment '{GraphRoute.EntitySet}'.", request.Ids);
        }

        var method = request.Method;
        if (route.Kind == RouteKind.Collection)
        {
            if (HttpMethods.IsGet(method))
            {
                return List(request, store, foreignHost);
            }

            if (HttpMethods.IsPost(method))
            {
                return Create(request, store);
            }
        }
        else
        {
            var id = route.Id!;
            if (HttpMethods.IsGet(method))
            {
                return Get(request, store, id);
            }

            if (HttpMethods.IsPatch(method))
            {
                return Update(request, store, id);
            }

            if (HttpMethods.IsDelete(method))
            {
                return store.Remove(id) ? EmulatorResponse.NoContent() : ODataError.NotFound(id, request.Ids);
            }
        }

        return ODataError.Create(405, "MethodNotAllowed", $"The HTTP method '{method}' is not allowed on this resource.", request.Ids);
    }

    private EmulatorResponse List(GraphRequest request, CertificateStore store, Uri? foreignHost)
    {
        var error = ListQuery.TryParse(request.Query, forList: true, out var query);
        if (error is not null)
        {
            return ODataError.BadRequest(error, request.Ids);
        }

        // A listing lags behind creates: an entry shows only once the lag has passed since it was created.
        var matching = query.Apply(store.ListedAt(DateTimeOffset.UtcNow - options.ListingLag));
        var pageSize = Math.Min(options.PageSize, query.Top ?? int.MaxValue);
        var page = matching.Skip(query.Offset).Take(pageSize).ToList();
        var nextOffset = query.Offset + page.Count;
        string? nextLink = null;
        if (foreignHost is not null)
        {
            // The fault: a link to another host, which must never receive the Graph token.
            nextLink = $"{request.CollectionUrl(foreignHost)}?$skiptoken={ListQuery.SkipToken(nextOffset)}";
        }
        else if (nextOffset < matching.Count && pageSize > 0)
        {
            nextLink = NextLink(request, nextOffset);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.context", CertificateJson.Context(request, query.Select));
            if (query.Count)
            {
                writer.WriteNumber("@odata.count", matching.Count);
            }

            if (options.IncludeUnknownProperties)
            {
                writer.WriteString("@microsoft.graph.tips", "An annotation the client does not know: ignore it.");
            }

            writer.WriteStartArray("value");
            foreach (var entity in page)
            {
                CertificateJson.WriteEntity(writer, entity, options, query.Select);
            }

            writer.WriteEndArray();
            if (nextLink is not null)
            {
                writer.WriteString("@odata.nextLink", nextLink);
            }

            writer.WriteEndObject();
        }

        return EmulatorResponse.Json(200, buffer.ToArray());
    }

    /// <summary>Same host as the request, same options (so $top keeps the page size), the position in an opaque $skiptoken.</summary>
    private static string NextLink(GraphRequest request, int nextOffset)
    {
        var kept = request.Query
            .Where(q => !string.Equals(q.Key, "$skip", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(q.Key, "$skiptoken", StringComparison.OrdinalIgnoreCase))
            .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}")
            .Append("$skiptoken=" + ListQuery.SkipToken(nextOffset));
        return $"{request.CollectionUrl(request.ServiceRoot)}?{string.Join('&', kept)}";
    }

    private EmulatorResponse Get(GraphRequest request, CertificateStore store, string id)
    {
        var error = ListQuery.TryParse(request.Query, forList: false, out var query);
        if (error is not null)
        {
            return ODataError.BadRequest(error, request.Ids);
        }

        var entity = store.Find(id);
        return entity is null
            ? ODataError.NotFound(id, request.Ids)
            : EmulatorResponse.Json(200, CertificateJson.Document(request, entity, options, query.Select));
    }

    private EmulatorResponse Create(GraphRequest request, CertificateStore store)
    {
        if (Refuse(request, creating: true, routeId: null, out var changes) is { } refusal)
        {
            return refusal;
        }

        var entity = DnSpellings.Apply(StoredCertificate.Create(Guid.NewGuid().ToString(), changes, request.Body, DateTimeOffset.UtcNow), options.SubjectSpelling);
        store.Insert(entity, created: DateTimeOffset.UtcNow);
        var response = EmulatorResponse.Json(201, CertificateJson.Document(request, entity, options, null));
        response.Headers["Location"] = $"{request.CollectionUrl(request.ServiceRoot)}/{entity.Id}";
        return response;
    }

    private EmulatorResponse Update(GraphRequest request, CertificateStore store, string id)
    {
        if (Refuse(request, creating: false, routeId: id, out var changes) is { } refusal)
        {
            // Graph resolves the entity before it reads the body: an absent one is 404 whatever the body.
            return store.Find(id) is null ? ODataError.NotFound(id, request.Ids) : refusal;
        }

        var updated = store.Update(id, current => DnSpellings.Apply(current.With(changes, request.Body), options.SubjectSpelling));
        if (updated is null)
        {
            return ODataError.NotFound(id, request.Ids);
        }

        return options.PatchReturnsContent
            ? EmulatorResponse.Json(200, CertificateJson.Document(request, updated, options, null))
            : EmulatorResponse.NoContent();
    }

    /// <summary>The 415 or 400 the body earns, or null with <paramref name="changes"/> set.</summary>
    private static EmulatorResponse? Refuse(GraphRequest request, bool creating, string? routeId, out CertificateChanges changes)
    {
        changes = new CertificateChanges();
        if (RefuseMediaType(request) is { } media)
        {
            return media;
        }

        var error = CertificateBody.Validate(request.Body, creating, routeId, out changes);
        return error is null ? null : ODataError.BadRequest(error, request.Ids);
    }

    private static EmulatorResponse? RefuseMediaType(GraphRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            ? null
            : ODataError.Create(
                415,
                "UnsupportedMediaType",
                string.Create(CultureInfo.InvariantCulture, $"The content type '{request.ContentType}' is not supported: send application/json."),
                request.Ids);
}
