using System.Globalization;
using System.Text.Json;
using GraphEmulator.Hosting;

namespace GraphEmulator.Graph;

/// <summary>Graph's error body: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.</summary>
internal static class ODataError
{
    private static readonly JsonSerializerOptions IndentedOptions = new() { WriteIndented = true };

    public static EmulatorResponse Create(int status, string code, string message, RequestIds ids, TimeSpan? retryAfter = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            writer.WriteStartObject("innerError");
            // Graph writes this date without an offset; it is UTC.
            writer.WriteString("date", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            writer.WriteString("request-id", ids.RequestId);
            writer.WriteString("client-request-id", ids.ClientRequestId);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new EmulatorResponse(status, "application/json", buffer.ToArray()) { RetryAfter = retryAfter };
    }

    /// <summary>
    /// An error from Intune behind Graph: <c>error.message</c> is not a sentence but Intune's own JSON document as a
    /// string, with the message a user needs and the Activity ID support asks for inside it.
    /// </summary>
    public static EmulatorResponse Intune(int status, string code, string message, RequestIds ids)
    {
        var activityId = Guid.NewGuid();
        var inner = new System.Text.Json.Nodes.JsonObject
        {
            ["_version"] = 3,
            ["Message"] = $"{message} - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: {activityId} - Url: https://fef.msua06.manage.microsoft.com/StatelessAppMetadataFEService/deviceAppManagement/enterpriseCodeSigningCertificates?api-version=5023-05-04",
            ["CustomApiErrorPhrase"] = string.Empty,
            ["RetryAfter"] = null,
            ["ErrorSourceService"] = string.Empty,
            ["HttpHeaders"] = "{}",
        };
        // Intune writes it indented, with Windows line ends: "{\r\n  \"_version\": 3,\r\n  \"Message\": ...".
        var text = inner.ToJsonString(IndentedOptions).ReplaceLineEndings("\r\n");
        return Create(status, code, text, ids);
    }

    public static EmulatorResponse BadRequest(string message, RequestIds ids) => Create(400, "BadRequest", message, ids);

    public static EmulatorResponse NotFound(string id, RequestIds ids) =>
        Create(404, "ResourceNotFound", $"No enterpriseCodeSigningCertificate with id '{id}' was found.", ids);
}
