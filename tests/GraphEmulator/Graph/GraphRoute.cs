namespace GraphEmulator.Graph;

/// <summary>
/// A parsed Graph path: /{beta|v1.0}/deviceAppManagement/enterpriseCodeSigningCertificates[/{id}].
/// Segments match case-insensitively, as Graph's do; the OData key form <c>…Certificates('{id}')</c> is accepted too.
/// </summary>
internal sealed record GraphRoute(RouteKind Kind, string Version, string? Id, string? Segment)
{
    public const string DeviceAppManagement = "deviceAppManagement";
    public const string EntitySet = "enterpriseCodeSigningCertificates";

    private static readonly string[] Versions = ["beta", "v1.0"];

    public static GraphRoute Parse(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var version = segments.Length > 0 ? segments[0] : string.Empty;
        var knownVersion = Array.Find(Versions, v => string.Equals(v, version, StringComparison.OrdinalIgnoreCase));
        if (knownVersion is null)
        {
            return new GraphRoute(RouteKind.UnknownVersion, version, null, version);
        }

        if (segments.Length < 3 || !Is(segments[1], DeviceAppManagement))
        {
            return Unknown(knownVersion, segments.Length > 1 ? segments[1] : string.Empty);
        }

        var set = segments[2];
        if (Is(set, EntitySet))
        {
            return segments.Length switch
            {
                3 => new GraphRoute(RouteKind.Collection, knownVersion, null, null),
                4 => new GraphRoute(RouteKind.Item, knownVersion, segments[3], null),
                _ => Unknown(knownVersion, segments[4]),
            };
        }

        if (segments.Length == 3
            && set.StartsWith(EntitySet + "(", StringComparison.OrdinalIgnoreCase)
            && set.EndsWith(')'))
        {
            var key = set[(EntitySet.Length + 1)..^1].Trim('\'');
            return new GraphRoute(RouteKind.Item, knownVersion, key, null);
        }

        return Unknown(knownVersion, set);
    }

    private static GraphRoute Unknown(string version, string segment) => new(RouteKind.UnknownSegment, version, null, segment);

    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);
}
