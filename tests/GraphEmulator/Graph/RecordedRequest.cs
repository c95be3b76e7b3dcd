using GraphEmulator.Faults;

namespace GraphEmulator.Graph;

/// <summary>
/// One request as the emulator received it, and what it answered. Logged before processing, so a request
/// whose connection was aborted is still here (with <see cref="ResponseStatus"/> 0).
/// </summary>
public sealed class RecordedRequest
{
    private readonly Lock gate = new();
    private int responseStatus;
    private DateTimeOffset? respondedAt;
    private TimeSpan? retryAfter;
    private string? faultApplied;
    private string? tenantId;
    private bool aborted;

    internal RecordedRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string body, DateTimeOffset receivedAt)
    {
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
        ReceivedAt = receivedAt;
    }

    /// <summary>GET, POST, PATCH, DELETE...</summary>
    public string Method { get; }

    /// <summary>Path and query, as sent (e.g. <c>/beta/deviceAppManagement/enterpriseCodeSigningCertificates?$top=2</c>).</summary>
    public string Path { get; }

    /// <summary>Request headers, case-insensitive names; repeated headers joined with commas.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as UTF-8 text; empty when none.</summary>
    public string Body { get; }

    /// <summary>When the request reached the emulator (monotonic, sub-millisecond).</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The status answered; 0 while being processed, and for ever when the connection was aborted.</summary>
    public int ResponseStatus => Read(() => responseStatus);

    /// <summary>When the status line was about to be written; null until then.</summary>
    public DateTimeOffset? RespondedAt => Read(() => respondedAt);

    /// <summary>The wait the response's <c>Retry-After</c> announced (a date is turned into a wait); null when it had none.</summary>
    public TimeSpan? RetryAfter => Read(() => retryAfter);

    /// <summary>The <see cref="FaultKind"/> name of the scripted fault applied, or null. The write limit is not a fault: see <see cref="ResponseStatus"/>.</summary>
    public string? FaultApplied => Read(() => faultApplied);

    /// <summary>The tenant the token belongs to; null when the token was refused.</summary>
    public string? TenantId => Read(() => tenantId);

    /// <summary>True when the emulator aborted the connection instead of answering.</summary>
    public bool Aborted => Read(() => aborted);

    /// <summary>The <c>Authorization</c> header, or null.</summary>
    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path} -> {ResponseStatus}{(FaultApplied is null ? string.Empty : " [" + FaultApplied + "]")}";

    internal void SetTenant(string tenant) => Write(() => tenantId = tenant);

    internal void SetFault(Fault fault) => Write(() => faultApplied = fault.Kind.ToString());

    internal void SetAborted() => Write(() => aborted = true);

    internal void SetResponse(int status, DateTimeOffset at, TimeSpan? announcedRetryAfter) => Write(() =>
    {
        responseStatus = status;
        respondedAt = at;
        retryAfter = announcedRetryAfter;
    });

    private T Read<T>(Func<T> read)
    {
        lock (gate)
        {
            return read();
        }
    }

    private void Write(Action write)
    {
        lock (gate)
        {
            write();
        }
    }
}
