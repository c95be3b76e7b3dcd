using System.Globalization;
using System.Text.Json;
using GraphEmulator.Hosting;

namespace GraphEmulator.Entra;

/// <summary>
/// One request to a token-issuing endpoint while it is handled: what it asked for is noted as it is parsed, and
/// ending it (<see cref="Fail"/>, <see cref="Succeed"/>) makes both the answer and its <see cref="TokenRequestRecord"/>.
/// </summary>
internal sealed class TokenExchange(string endpoint, DateTimeOffset receivedAt, string correlationId)
{
    public string? GrantType { get; set; }

    public string? ClientId { get; set; }

    public string? TenantId { get; set; }

    public string? Scope { get; set; }

    public string? Resource { get; set; }

    public string? AuthMethod { get; set; }

    /// <summary>Set by <see cref="Fail"/> or <see cref="Succeed"/>.</summary>
    public TokenRequestRecord? Record { get; private set; }

    /// <summary>Entra's OAuth error body.</summary>
    public EmulatorResponse Fail(EntraFailure failure)
    {
        Record = Build(false, failure.Error, null);
        return EntraError.Create(failure, correlationId);
    }

    /// <summary>App Service's managed identity error body: {"statusCode","message","correlationId"}.</summary>
    public EmulatorResponse FailManagedIdentity(int status, string message)
    {
        Record = Build(false, status == 401 ? "unauthorized" : "bad_request", null);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", status);
            writer.WriteString("message", message);
            writer.WriteString("correlationId", correlationId);
            writer.WriteEndObject();
        }

        return new EmulatorResponse(status, "application/json; charset=utf-8", buffer.ToArray()) { CarriesGraphIds = false };
    }

    /// <summary>200 with <paramref name="write"/>'s JSON object; <paramref name="issuedToken"/> is the access token in it, if any.</summary>
    public EmulatorResponse Succeed(string? issuedToken, Action<Utf8JsonWriter> write)
    {
        Record = Build(true, null, issuedToken);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        var response = new EmulatorResponse(200, "application/json; charset=utf-8", buffer.ToArray()) { CarriesGraphIds = false };

        // Entra marks token responses uncacheable (RFC 6749 5.1).
        response.Headers["Cache-Control"] = "no-store, no-cache";
        response.Headers["Pragma"] = "no-cache";
        return response;
    }

    /// <summary>Seconds as Entra writes expires_in: a whole number, never 0 for a token that is still good.</summary>
    public static long Seconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalSeconds));

    /// <summary>Unix seconds as a string, the way App Service writes expires_on.</summary>
    public static string UnixSeconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private TokenRequestRecord Build(bool succeeded, string? error, string? issuedToken) => new()
    {
        Endpoint = endpoint,
        GrantType = GrantType,
        ClientId = ClientId,
        TenantId = TenantId,
        Scope = Scope,
        Resource = Resource,
        AuthMethod = AuthMethod,
        Succeeded = succeeded,
        Error = error,
        IssuedToken = issuedToken,
        ReceivedAt = receivedAt,
    };
}
