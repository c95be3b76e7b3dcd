using GraphEmulator.Graph;
using GraphEmulator.Hosting;

namespace GraphEmulator.Faults;

/// <summary>
/// A second, unrelated host on 127.0.0.1 for the <see cref="FaultKind.ForeignNextLink"/> fault: it records every
/// request (so a test can assert the Graph token never arrived) and answers 200 <c>{"value":[]}</c>.
/// </summary>
public sealed class ForeignHostRecorder : IAsyncDisposable
{
    private readonly WebApplication app;

    private ForeignHostRecorder(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    /// <summary>e.g. http://127.0.0.1:54322/; give it to <see cref="FaultPlan.ForeignHost"/>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Everything it received.</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>Starts on a free port.</summary>
    public static async Task<ForeignHostRecorder> StartAsync(CancellationToken cancellationToken = default)
    {
        ForeignHostRecorder? recorder = null;
        var (app, baseUri) = await LoopbackHost.StartAsync(0, context => recorder!.HandleAsync(context), cancellationToken);
        recorder = new ForeignHostRecorder(app, baseUri);
        return recorder;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => LoopbackHost.StopAsync(app);

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = HighResolutionClock.UtcNow;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var record = new RecordedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            receivedAt);
        Requests.Add(record);
        record.SetResponse(200, HighResolutionClock.UtcNow, null);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"value\":[]}", context.RequestAborted);
    }
}
