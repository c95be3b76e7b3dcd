using System.Text;
using GraphEmulator.Entra;
using GraphEmulator.Faults;
using GraphEmulator.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace GraphEmulator.Graph;

/// <summary>
/// One Graph request, start to finish: log it, check the token, pick a fault, apply the write limit,
/// process, answer. The order is the point: faults come after authentication (a 401 never uses one up),
/// and a request a fault stops before processing never counts against the write limit.
/// </summary>
internal sealed class EmulatorPipeline
{
    private readonly GraphEmulatorServer server;
    private readonly CertificateEndpoints endpoints;
    private readonly ControlSurface control;
    private readonly CancellationToken stopping;

    public EmulatorPipeline(GraphEmulatorServer server, CancellationToken stopping)
    {
        this.server = server;
        this.stopping = stopping;
        endpoints = new CertificateEndpoints(server.Options);
        control = new ControlSurface(server);
    }

    /// <summary>The app every token belongs to unless <see cref="EmulatorOptions.TokenApps"/> or its JWT says otherwise.</summary>
    public const string DefaultApp = "emulator-default-app";

    public ServiceLimits Limiter { get; } = new();

    public async Task HandleAsync(HttpContext context)
    {
        var receivedAt = HighResolutionClock.UtcNow;
        if (ControlSurface.Handles(context.Request.Path))
        {
            await control.HandleAsync(context);
            return;
        }

        string body;
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            return; // the client went away while sending
        }

        var record = new RecordedRequest(context.Request.Method, PathAndQuery(context), Headers(context.Request), body, receivedAt);
        server.Requests.Add(record);
        var clientRequestId = context.Request.Headers["client-request-id"].ToString();
        var ids = new RequestIds(Guid.NewGuid().ToString(), clientRequestId.Length > 0 ? clientRequestId : Guid.NewGuid().ToString());
        try
        {
            await ProcessAsync(context, record, ids, body);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            // The client or the server went away; there is no one to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            // An emulator bug must show as an OData error naming it, not as an empty 500.
            await SendAsync(context, record, ids, ODataError.Create(500, "EmulatorError", e.ToString(), ids));
        }
    }

    private async Task ProcessAsync(HttpContext context, RecordedRequest record, RequestIds ids, string body)
    {
        var options = server.Options;
        var tenant = Authenticate(context.Request, out var token, out var refusalMessage);
        if (tenant is null)
        {
            var refusal = ODataError.Create(401, "InvalidAuthenticationToken", refusalMessage, ids);
            refusal.Headers["WWW-Authenticate"] = "Bearer realm=\"\", error=\"invalid_token\"";
            await SendAsync(context, record, ids, refusal);
            return;
        }

        record.SetTenant(tenant);
        var request = new GraphRequest
        {
            Method = context.Request.Method,
            Route = GraphRoute.Parse(context.Request.Path.Value ?? string.Empty),
            Query = Query(context.Request),
            Body = body,
            ContentType = context.Request.ContentType,
            Ids = ids,
            ServiceRoot = new Uri($"{context.Request.Scheme}://{context.Request.Host}/"),
            TenantId = tenant,
        };

        var fault = server.Faults.Next(request.Method, request.IsList);
        if (fault is not null)
        {
            record.SetFault(fault);
            if (fault.Kind == FaultKind.ResetBeforeProcessing)
            {
                Abort(context, record);
                return;
            }

            if (FaultResponses.BeforeProcessing(fault, request, server.Faults.ForeignHost, options.IntuneErrorMessages) is { } stopped)
            {
                await SendAsync(context, record, ids, stopped);
                return;
            }

            if (fault.Kind == FaultKind.SlowResponse)
            {
                // Delay before processing: a client that gives up during the delay leaves the store as it was.
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
                await Task.Delay(fault.Delay, linked.Token);
            }
        }

        if (options.EnforceLimits
            && !Limiter.TryAdmit(tenant, AppOf(token), request.IsWrite, options, HighResolutionClock.UtcNow, out var untilFree, out var limitHit))
        {
            await SendAsync(context, record, ids, FaultResponses.Limited(request, untilFree, limitHit, options.RetryAfterStyle));
            return;
        }

        var store = server.CertificatesForTenant(tenant);
        EmulatorResponse response;
        if (fault?.Kind == FaultKind.ForeignNextLink)
        {
            var foreign = server.Faults.ForeignHost;
            response = foreign is null ? FaultResponses.ForeignHostMissing(request) : endpoints.Handle(request, store, foreign);
        }
        else
        {
            response = endpoints.Handle(request, store);
        }

        switch (fault?.Kind)
        {
            case FaultKind.GatewayTimeout or FaultKind.BadGateway:
                // The service carried the request out; the gateway in front of it lost the answer.
                response = FaultResponses.GatewayLostAnswer(fault, request);
                break;
            case FaultKind.ResetAfterProcessing:
                Abort(context, record);
                return;
            case FaultKind.MalformedJson:
                response = FaultResponses.MalformedAfterProcessing(response, request);
                break;
        }

        await SendAsync(context, record, ids, response);
    }

    /// <summary>
    /// The tenant of the bearer token, or null when it is refused, with Graph's message for why in <paramref name="refusal"/>.
    /// <paramref name="token"/> is what was sent ("" if nothing).
    /// </summary>
    private string? Authenticate(HttpRequest request, out string token, out string refusal)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        token = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : string.Empty;
        refusal = "Access token validation failure. Invalid audience.";
        if (token.Length == 0)
        {
            refusal = "Access token is empty.";
            return null;
        }

        var options = server.Options;
        if (!options.TokenTenants.TryGetValue(token, out var tenant))
        {
            tenant = token == options.AccessToken || options.ExtraAcceptedTokens.Contains(token) ? options.DefaultTenantId : null;
        }

        if (tenant is null)
        {
            return null;
        }

        // Only a token Graph would otherwise accept can be expired or revoked: an unknown one stays "invalid".
        if (options.TokenExpiry.TryGetValue(token, out var expires) && DateTimeOffset.UtcNow >= expires)
        {
            refusal = "Lifetime validation failed, the token is expired.";
            return null;
        }

        if (server.IsRevoked(token))
        {
            refusal = "Access token validation failure. The token has been revoked.";
            return null;
        }

        return tenant;
    }

    /// <summary>The app a token belongs to, for the limits "per app per tenant".</summary>
    private string AppOf(string token)
    {
        if (server.Options.TokenApps.TryGetValue(token, out var app))
        {
            return app;
        }

        return Jwt.TryParse(token)?.Payload is { } claims && (Jwt.String(claims, "appid") ?? Jwt.String(claims, "azp")) is { Length: > 0 } named
            ? named
            : DefaultApp;
    }

    private async Task SendAsync(HttpContext context, RecordedRequest record, RequestIds ids, EmulatorResponse response)
    {
        var http = context.Response;
        http.StatusCode = response.Status;
        if (response.CarriesGraphIds)
        {
            http.Headers["request-id"] = ids.RequestId;
            http.Headers["client-request-id"] = ids.ClientRequestId;
        }

        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }

        if (response.ContentType is not null)
        {
            http.ContentType = response.ContentType;
        }

        if (response.Status != StatusCodes.Status204NoContent)
        {
            // A 204 carries no Content-Length at all (RFC 9110); everything else says exactly how much follows.
            http.ContentLength = response.Body?.Length ?? 0;
        }

        // Recorded before the bytes leave, so a test that has the response also sees the record complete.
        var respondedAt = HighResolutionClock.UtcNow;
        record.SetResponse(response.Status, respondedAt, response.RetryAt is { } retryAt ? retryAt - respondedAt : response.RetryAfter);
        server.Options.Trace?.WriteLine(record.ToString());
        if (response.Body is { Length: > 0 } bytes)
        {
            await http.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    private void Abort(HttpContext context, RecordedRequest record)
    {
        record.SetAborted();
        server.Options.Trace?.WriteLine(record + " (connection aborted)");
        context.Abort();
    }

    private static string PathAndQuery(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.PathBase + context.Request.Path + context.Request.QueryString;

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, string> Query(HttpRequest request) =>
        request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
}
