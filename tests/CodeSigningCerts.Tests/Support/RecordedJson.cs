using System.Text.Json;
using GraphEmulator.Graph;

namespace CodeSigningCerts.Tests.Support;

/// <summary>The JSON body Graph received, as a dictionary of property name to raw JSON element.</summary>
public static class RecordedJson
{
    public static Dictionary<string, JsonElement> Body(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }
}
