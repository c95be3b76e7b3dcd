namespace GraphEmulator.Graph;

/// <summary>
/// A throttled response and the next request with the same token, method and path (its retry, for a
/// client that retries): did the client wait as long as it was told?
/// </summary>
public sealed class ThrottleGap
{
    internal ThrottleGap(RecordedRequest throttled, RecordedRequest? next)
    {
        Throttled = throttled;
        Next = next;
    }

    /// <summary>The request answered 429 (or 503 with Retry-After).</summary>
    public RecordedRequest Throttled { get; }

    /// <summary>The retry, or null when none arrived.</summary>
    public RecordedRequest? Next { get; }

    /// <summary>The wait announced; null when the response had no Retry-After.</summary>
    public TimeSpan? RetryAfter => Throttled.RetryAfter;

    /// <summary>
    /// From the moment the throttled response was written to the moment the retry arrived. The client got
    /// the response a little after that moment, so a client that waited exactly Retry-After never reads as early.
    /// </summary>
    public TimeSpan? Gap => Next is null || Throttled.RespondedAt is not { } answered ? null : Next.ReceivedAt - answered;

    /// <summary>True when the retry came sooner than Retry-After said.</summary>
    public bool IsEarly => Gap is { } gap && RetryAfter is { } wait && gap < wait;

    /// <inheritdoc />
    public override string ToString() => $"{Throttled.Method} {Throttled.Path}: Retry-After {RetryAfter?.TotalSeconds}s, retried after {Gap?.TotalSeconds}s";
}
