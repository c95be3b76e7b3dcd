using System.Text.Json;
using GraphEmulator.Graph;

namespace GraphEmulator.Hosting;

/// <summary>
/// /_emulator/: lets someone running the emulator by hand see what it received (GET /_emulator/requests)
/// and start over (POST /_emulator/reset). No token needed, and not logged: it is not Graph.
/// </summary>
internal sealed class ControlSurface(GraphEmulatorServer server)
{
    private const string Prefix = "/_emulator";

    public static bool Handles(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value?.TrimEnd('/') ?? string.Empty;
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) && string.Equals(path, Prefix + "/requests", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(RequestsJson(server.Requests.All), context.RequestAborted);
            return;
        }

        if (HttpMethods.IsPost(method) && string.Equals(path, Prefix + "/reset", StringComparison.OrdinalIgnoreCase))
        {
            server.Reset();
            context.Response.StatusCode = 204;
            return;
        }

        context.Response.StatusCode = 404;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("Emulator control: GET /_emulator/requests, POST /_emulator/reset\n", context.RequestAborted);
    }

    private static byte[] RequestsJson(IReadOnlyList<RecordedRequest> requests)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.IndentedWriterOptions))
        {
            writer.WriteStartArray();
            foreach (var r in requests)
            {
                writer.WriteStartObject();
                writer.WriteString("method", r.Method);
                writer.WriteString("path", r.Path);
                writer.WriteString("receivedAt", r.ReceivedAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteNumber("responseStatus", r.ResponseStatus);
                writer.WriteString("faultApplied", r.FaultApplied);
                writer.WriteBoolean("aborted", r.Aborted);
                writer.WriteString("tenantId", r.TenantId);
                writer.WriteStartObject("headers");
                foreach (var (name, value) in r.Headers)
                {
                    writer.WriteString(name, string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) ? Redact(value) : value);
                }

                writer.WriteEndObject();
                writer.WriteString("body", r.Body);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>The scheme stays (so "was a Bearer token sent?" is answerable); the token does not leave the process.</summary>
    private static string Redact(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return (space > 0 ? value[..space] : "(no scheme)") + " ***";
    }
}
