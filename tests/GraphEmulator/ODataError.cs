using System.Globalization;
using System.Text.Json;

namespace GraphEmulator;

/// <summary>Graph's error body: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.</summary>
internal static class ODataError
{
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

    public static EmulatorResponse BadRequest(string message, RequestIds ids) => Create(400, "BadRequest", message, ids);

    public static EmulatorResponse NotFound(string id, RequestIds ids) =>
        Create(404, "ResourceNotFound", $"No enterpriseCodeSigningCertificate with id '{id}' was found.", ids);
}
