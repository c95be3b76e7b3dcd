namespace GraphEmulator.Faults;

/// <summary>One scripted failure, with the parameters of its kind. Immutable, so one instance may be queued many times.</summary>
public sealed class Fault
{
    private Fault(FaultKind kind, double? retryAfterSeconds = null, TimeSpan delay = default, int status = 0, string? code = null, bool afterProcessing = false)
    {
        Kind = kind;
        AfterProcessing = afterProcessing;
        RetryAfterSeconds = retryAfterSeconds;
        Delay = delay;
        Status = status;
        Code = code;
    }

    /// <summary>What happens.</summary>
    public FaultKind Kind { get; }

    /// <summary>For the 429 kinds and 503: the wait the response announces, in seconds (a fraction is sent as one); null means no <c>Retry-After</c>.</summary>
    public double? RetryAfterSeconds { get; }

    /// <summary>For <see cref="FaultKind.GatewayTimeout"/> and <see cref="FaultKind.BadGateway"/>: the request was carried out before the gateway lost the answer.</summary>
    public bool AfterProcessing { get; }

    /// <summary>For <see cref="FaultKind.SlowResponse"/>: how long the answer is held back.</summary>
    public TimeSpan Delay { get; }

    /// <summary>For <see cref="FaultKind.ErrorStatus"/>: the HTTP status answered.</summary>
    public int Status { get; }

    /// <summary>For <see cref="FaultKind.ErrorStatus"/>: Graph's error code (error.code).</summary>
    public string? Code { get; }

    /// <summary>429 with <c>Retry-After: <paramref name="retryAfterSeconds"/></c>.</summary>
    public static Fault TooManyRequests(int retryAfterSeconds = 1) =>
        new(FaultKind.TooManyRequests, RequireNonNegative(retryAfterSeconds));

    /// <summary>
    /// 429 with <c>Retry-After: <paramref name="retryAfterSeconds"/></c> written with its fraction (<c>2.5</c>, Graph's page
    /// shows <c>2.128</c>); 0 is what a limiter that rounds down sends in the last second of its window.
    /// </summary>
    public static Fault TooManyRequests(double retryAfterSeconds) =>
        new(FaultKind.TooManyRequests, double.IsFinite(retryAfterSeconds) && retryAfterSeconds >= 0 ? retryAfterSeconds : throw new ArgumentOutOfRangeException(nameof(retryAfterSeconds)));

    /// <summary>429 whose <c>Retry-After</c> is the HTTP date at least <paramref name="retryAfterSeconds"/> from now.</summary>
    public static Fault TooManyRequestsHttpDate(int retryAfterSeconds = 1) =>
        new(FaultKind.TooManyRequestsHttpDate, RequireNonNegative(retryAfterSeconds));

    /// <summary>429 with no <c>Retry-After</c>.</summary>
    public static Fault TooManyRequestsNoRetryAfter() => new(FaultKind.TooManyRequestsNoRetryAfter);

    /// <summary>503; with <c>Retry-After</c> only when <paramref name="retryAfterSeconds"/> is given.</summary>
    public static Fault ServiceUnavailable(int? retryAfterSeconds = null) =>
        new(FaultKind.ServiceUnavailable, retryAfterSeconds is { } s ? RequireNonNegative(s) : null);

    /// <summary>
    /// 504 from the gateway in front of Graph. By default, as the service: the request was carried out (a POST
    /// created) and the answer lost on the way back. <paramref name="afterProcessing"/> false: refused before the service saw it.
    /// </summary>
    public static Fault GatewayTimeout(bool afterProcessing = true) => new(FaultKind.GatewayTimeout, afterProcessing: afterProcessing);

    /// <summary>502 (JSON, with Graph's ids) from the gateway: like <see cref="GatewayTimeout"/>, carried out by default.</summary>
    public static Fault BadGateway(bool afterProcessing = true) => new(FaultKind.BadGateway, afterProcessing: afterProcessing);

    /// <summary>Connection aborted before processing.</summary>
    public static Fault ResetBeforeProcessing() => new(FaultKind.ResetBeforeProcessing);

    /// <summary>Processed, then the connection aborted.</summary>
    public static Fault ResetAfterProcessing() => new(FaultKind.ResetAfterProcessing);

    /// <summary>Answer after <paramref name="delayMilliseconds"/>.</summary>
    public static Fault SlowResponse(int delayMilliseconds = 2000) =>
        new(FaultKind.SlowResponse, delay: TimeSpan.FromMilliseconds(RequireNonNegative(delayMilliseconds)));

    /// <summary>Success status with a truncated JSON body.</summary>
    public static Fault MalformedJson() => new(FaultKind.MalformedJson);

    /// <summary>502 text/html proxy page.</summary>
    public static Fault HtmlBody() => new(FaultKind.HtmlBody);

    /// <summary>List answered with a nextLink on <see cref="FaultPlan.ForeignHost"/>.</summary>
    public static Fault ForeignNextLink() => new(FaultKind.ForeignNextLink);

    /// <summary>307 to the same path on <see cref="FaultPlan.ForeignHost"/>.</summary>
    public static Fault ForeignRedirect() => new(FaultKind.ForeignRedirect);

    /// <summary>An OData error: <paramref name="status"/> (400 to 599) with Graph's error <paramref name="code"/>.</summary>
    public static Fault ErrorStatus(int status, string code)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentException.ThrowIfNullOrEmpty(code);
        return new(FaultKind.ErrorStatus, status: status, code: code);
    }

    /// <summary>The fault of <paramref name="kind"/> with its default parameters (Retry-After 1 s, delay 2 s, error 500).</summary>
    public static Fault Of(FaultKind kind) => kind switch
    {
        FaultKind.TooManyRequests => TooManyRequests(),
        FaultKind.TooManyRequestsHttpDate => TooManyRequestsHttpDate(),
        FaultKind.TooManyRequestsNoRetryAfter => TooManyRequestsNoRetryAfter(),
        FaultKind.ServiceUnavailable => ServiceUnavailable(),
        FaultKind.GatewayTimeout => GatewayTimeout(),
        FaultKind.BadGateway => BadGateway(),
        FaultKind.ResetBeforeProcessing => ResetBeforeProcessing(),
        FaultKind.ResetAfterProcessing => ResetAfterProcessing(),
        FaultKind.SlowResponse => SlowResponse(),
        FaultKind.MalformedJson => MalformedJson(),
        FaultKind.HtmlBody => HtmlBody(),
        FaultKind.ForeignNextLink => ForeignNextLink(),
        FaultKind.ForeignRedirect => ForeignRedirect(),
        FaultKind.ErrorStatus => ErrorStatus(500, "InternalServerError"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind."),
    };

    /// <summary>Whether this fault can act on the request: a foreign nextLink only makes sense on a list.</summary>
    internal bool AppliesTo(bool isListRequest) => Kind != FaultKind.ForeignNextLink || isListRequest;

    /// <inheritdoc />
    public override string ToString() => Kind == FaultKind.ErrorStatus ? $"{Kind} {Status} {Code}" : Kind.ToString();

    /// <summary>The Retry-After header's text: whole seconds as an integer, a fraction with up to three decimals.</summary>
    internal string? RetryAfterText => RetryAfterSeconds?.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static int RequireNonNegative(int value) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must not be negative.");
}
