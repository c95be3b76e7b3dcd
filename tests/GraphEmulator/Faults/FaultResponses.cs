using System.Globalization;
using System.Text;
using GraphEmulator.Graph;
using GraphEmulator.Hosting;

namespace GraphEmulator.Faults;

/// <summary>The answers faults and the write limit give in place of processing.</summary>
internal static class FaultResponses
{
    /// <summary>The answer of a fault that stops the request before processing; null for the kinds that let it through.</summary>
    public static EmulatorResponse? BeforeProcessing(Fault fault, GraphRequest request, Uri? foreignHost, bool intuneMessages) => fault.Kind switch
    {
        FaultKind.ErrorStatus => intuneMessages
            ? ODataError.Intune(fault.Status, fault.Code!, $"A scripted {fault.Status} {fault.Code}.", request.Ids)
            : ODataError.Create(fault.Status, fault.Code!, $"A scripted {fault.Status} {fault.Code}.", request.Ids),
        FaultKind.ForeignRedirect => foreignHost is null ? ForeignHostMissing(request) : Redirect(request, foreignHost),
        FaultKind.TooManyRequests => TooManyRequests(request.Ids, fault),
        FaultKind.TooManyRequestsNoRetryAfter => TooManyRequests(request.Ids, fault),
        FaultKind.TooManyRequestsHttpDate => TooManyRequestsHttpDate(request.Ids, (int)Math.Ceiling(fault.RetryAfterSeconds ?? 1)),
        FaultKind.ServiceUnavailable => WithRetryAfter(
            ODataError.Create(503, "serviceNotAvailable", "The service is temporarily unavailable. Try again later.", request.Ids, Seconds(fault.RetryAfterSeconds)),
            fault.RetryAfterText),
        FaultKind.GatewayTimeout or FaultKind.BadGateway when !fault.AfterProcessing => GatewayLostAnswer(fault, request),
        FaultKind.HtmlBody => ProxyPage(),
        // Writes are never processed under this fault: nothing is stored behind the broken body.
        FaultKind.MalformedJson when !HttpMethods.IsGet(request.Method) => Truncated(HttpMethods.IsPost(request.Method) ? 201 : 200, Placeholder(request)),
        _ => null,
    };

    /// <summary>A GET's real answer cut in half; an answer that was no 200 JSON becomes a cut placeholder.</summary>
    public static EmulatorResponse MalformedAfterProcessing(EmulatorResponse real, GraphRequest request) =>
        real.Status == 200 && real.Body is { Length: > 1 } body
            ? Truncated(200, body)
            : Truncated(200, Placeholder(request));

    /// <summary>
    /// A limit's 429, Retry-After spelled as <paramref name="style"/> says. The log records the wait the header
    /// announced, so a client that waits it out is judged against what it was told (a rounded-down 0 included).
    /// </summary>
    public static EmulatorResponse Limited(GraphRequest request, TimeSpan untilFree, string limitHit, RetryAfterStyle style)
    {
        var seconds = style switch
        {
            RetryAfterStyle.WholeSecondsUp => Math.Max(1, Math.Ceiling(untilFree.TotalSeconds)),
            RetryAfterStyle.WholeSecondsDown => Math.Floor(untilFree.TotalSeconds),
            // Rounded up to the millisecond: never sooner than the slot frees.
            _ => Math.Ceiling(untilFree.TotalMilliseconds) / 1000,
        };
        var text = seconds.ToString("0.###", CultureInfo.InvariantCulture);
        var message = $"Too many requests: more than {limitHit}. Retry after {text} seconds.";
        return WithRetryAfter(ODataError.Create(429, "TooManyRequests", message, request.Ids, TimeSpan.FromSeconds(seconds)), text);
    }

    /// <summary>The gateway's answer when it lost the service's: 504 or 502, Graph's JSON error with its ids.</summary>
    public static EmulatorResponse GatewayLostAnswer(Fault fault, GraphRequest request) => fault.Kind == FaultKind.BadGateway
        ? ODataError.Create(502, "BadGateway", "The gateway received an invalid response from the upstream server.", request.Ids)
        : ODataError.Create(504, "GatewayTimeout", "The gateway did not receive a timely response from the upstream server.", request.Ids);

    public static EmulatorResponse ForeignHostMissing(GraphRequest request) =>
        ODataError.Create(500, "EmulatorMisconfigured", "A ForeignNextLink or ForeignRedirect fault was applied but FaultPlan.ForeignHost is not set.", request.Ids);

    /// <summary>A redirect a client must not follow with its token: the same path, another host.</summary>
    private static EmulatorResponse Redirect(GraphRequest request, Uri foreignHost)
    {
        var response = new EmulatorResponse(307);
        response.Headers["Location"] = request.CollectionUrl(foreignHost) + (request.Route.Id is { } id ? "/" + id : string.Empty);
        return response;
    }

    private static EmulatorResponse TooManyRequests(RequestIds ids, Fault fault)
    {
        var message = fault.RetryAfterText is { } text ? $"Too many requests. Retry after {text} seconds." : "Too many requests.";
        return WithRetryAfter(ODataError.Create(429, "TooManyRequests", message, ids, Seconds(fault.RetryAfterSeconds)), fault.RetryAfterText);
    }

    private static EmulatorResponse TooManyRequestsHttpDate(RequestIds ids, int seconds)
    {
        // An HTTP date has whole seconds: round the moment up so that it is never sooner than promised.
        var now = HighResolutionClock.UtcNow;
        var at = now.AddSeconds(seconds);
        var whole = new DateTimeOffset(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        if (whole < at)
        {
            whole = whole.AddSeconds(1);
        }

        var response = ODataError.Create(429, "TooManyRequests", $"Too many requests. Retry after {whole:R}.", ids, whole - now);
        response.Headers["Retry-After"] = whole.ToString("R", CultureInfo.InvariantCulture);
        response.RetryAt = whole;
        return response;
    }

    private static EmulatorResponse WithRetryAfter(EmulatorResponse response, string? seconds)
    {
        if (seconds is not null)
        {
            response.Headers["Retry-After"] = seconds;
        }

        return response;
    }

    private static TimeSpan? Seconds(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    private static EmulatorResponse ProxyPage() =>
        new(502, "text/html", Encoding.UTF8.GetBytes(
            "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1>\n<p>The proxy server received an invalid response from an upstream server.</p></body></html>\n"))
        {
            // A page from something in front of Graph has none of Graph's headers.
            CarriesGraphIds = false,
        };

    private static byte[] Placeholder(GraphRequest request) => Encoding.UTF8.GetBytes(
        $"{{\"@odata.context\":\"{request.ContextUrl}/$entity\",\"id\":\"{Guid.NewGuid()}\",\"status\":\"notProvisioned\"}}");

    private static EmulatorResponse Truncated(int status, byte[] body) => EmulatorResponse.Json(status, body[..(body.Length / 2)]);
}
