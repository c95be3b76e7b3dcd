using System.Globalization;
using System.Text.Json;
using GraphEmulator.Hosting;

namespace GraphEmulator.Entra;

/// <summary>
/// Entra's OAuth error body: {"error","error_description","error_codes","timestamp","trace_id","correlation_id","error_uri"},
/// the description ending in the trace id, correlation id and timestamp lines as Entra writes them.
/// </summary>
internal static class EntraError
{
    public static EmulatorResponse Create(EntraFailure failure, string correlationId)
    {
        var traceId = Guid.NewGuid().ToString();
        var timestamp = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("error", failure.Error);
            writer.WriteString(
                "error_description",
                $"AADSTS{failure.Code}: {failure.Message}\r\nTrace ID: {traceId}\r\nCorrelation ID: {correlationId}\r\nTimestamp: {timestamp}");
            writer.WriteStartArray("error_codes");
            writer.WriteNumberValue(failure.Code);
            writer.WriteEndArray();
            writer.WriteString("timestamp", timestamp);
            writer.WriteString("trace_id", traceId);
            writer.WriteString("correlation_id", correlationId);
            writer.WriteString("error_uri", $"https://login.microsoftonline.com/error?code={failure.Code}");
            writer.WriteEndObject();
        }

        return new EmulatorResponse(failure.Status, "application/json; charset=utf-8", buffer.ToArray()) { CarriesGraphIds = false };
    }
}
