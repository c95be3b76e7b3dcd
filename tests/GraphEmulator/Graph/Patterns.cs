using System.Text.RegularExpressions;

namespace GraphEmulator.Graph;

/// <summary>The wire formats the emulator insists on, as an OData service does.</summary>
internal static partial class Patterns
{
    /// <summary>Standard, padded base64 with no whitespace: what Edm.Binary in Graph's JSON takes.</summary>
    [GeneratedRegex("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$", RegexOptions.CultureInvariant)]
    public static partial Regex Base64();

    /// <summary>Edm.DateTimeOffset: ISO 8601 with a zone (Z or ±hh:mm); a date without one is refused.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    public static partial Regex DateTimeOffset();
}
