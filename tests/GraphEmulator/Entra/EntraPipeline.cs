using GraphEmulator.Hosting;

namespace GraphEmulator.Entra;

/// <summary>
/// Routes the Entra emulator's https requests: token and devicecode endpoints (recorded in
/// <see cref="EntraEmulatorServer.TokenRequests"/>), the discovery documents, and a stand-in /devicelogin page.
/// </summary>
internal sealed class EntraPipeline(EntraEmulatorServer server)
{
    private readonly TokenEndpoint token = new(server);
    private readonly DeviceCodeEndpoint deviceCode = new(server);

    public async Task HandleAsync(HttpContext context)
    {
        var receivedAt = HighResolutionClock.UtcNow;
        var request = context.Request;
        var root = new Uri($"{request.Scheme}://{request.Host}/");
        var segments = (request.Path.Value ?? string.Empty).Trim('/').Split('/');
        var clientRequestId = request.Headers["client-request-id"].ToString();
        var correlationId = clientRequestId.Length > 0 ? clientRequestId : Guid.NewGuid().ToString();
        var isPost = HttpMethods.IsPost(request.Method);
        var isGet = HttpMethods.IsGet(request.Method);

        TokenExchange? exchange = null;
        EmulatorResponse response;
        try
        {
            switch (segments)
            {
                case [var tenant, "oauth2", "v2.0", "token"] when isPost:
                    exchange = new TokenExchange("token", receivedAt, correlationId);
                    response = token.Handle(tenant, await ReadFormAsync(request), root, exchange);
                    break;
                case [var tenant, "oauth2", "v2.0", "devicecode"] when isPost:
                    exchange = new TokenExchange("devicecode", receivedAt, correlationId);
                    response = deviceCode.Handle(tenant, await ReadFormAsync(request), root, exchange);
                    break;
                case [_, "oauth2", "v2.0", "token" or "devicecode"]:
                    response = EntraError.Create(EntraFailure.InvalidRequest(900561, $"The endpoint only accepts POST requests. Received a {request.Method} request."), correlationId);
                    break;
                case [var tenant, "v2.0", ".well-known", "openid-configuration"] when isGet:
                    response = DiscoveryDocuments.OpenIdConfiguration(root, tenant);
                    break;
                case ["common", "discovery", "instance"] when isGet:
                    response = DiscoveryDocuments.InstanceDiscovery(root, request.Query["authorization_endpoint"].ToString());
                    break;
                case ["devicelogin"] when isGet:
                    response = EmulatorResponse.Text(200, "text/plain; charset=utf-8", "Entra emulator: a test approves device codes with EntraEmulatorServer.ApproveDeviceCode(userCode).\n");
                    break;
                default:
                    response = EmulatorResponse.Text(404, "text/plain; charset=utf-8", $"Entra emulator: nothing at {request.Method} {request.Path}.\n");
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            return; // the client went away while sending
        }

        if (exchange?.Record is { } record)
        {
            server.Record(record);
        }

        server.Options.Trace?.WriteLine($"{request.Method} {request.Path}{request.QueryString} -> {response.Status}{(exchange?.Record?.Error is { } error ? " " + error : string.Empty)}");
        await SendAsync(context, response);
    }

    // Entra reads the form body; anything else is a request without parameters (and so "missing grant_type").
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request) =>
        request.HasFormContentType ? await request.ReadFormAsync(request.HttpContext.RequestAborted) : FormCollection.Empty;

    private static async Task SendAsync(HttpContext context, EmulatorResponse response)
    {
        var http = context.Response;
        http.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }

        http.ContentType = response.ContentType;
        var body = response.Body ?? [];
        http.ContentLength = body.Length;
        try
        {
            await http.Body.WriteAsync(body, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away before reading the answer.
        }
    }
}
