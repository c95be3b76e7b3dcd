using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// The retries of every Graph request, as one Polly pipeline per connection: which attempts are sent again
    /// (<see cref="ShouldRetry"/>), and after how long. Retry-After (seconds, with their fraction, or an HTTP date) is
    /// honoured to the millisecond, never below <see cref="RetryAfterFloor"/>; without it the wait grows exponentially
    /// with jitter. The waits are cancellable, so Ctrl+C ends them at once. Each attempt is a value (<see cref="Attempt"/>)
    /// that carries its request, so the pipeline keeps no state of its own.
    /// </summary>
    internal sealed class RetryPolicy
    {
        /// <summary>
        /// The shortest wait before a throttled request is sent again, whatever the header says. Retry-After counts in
        /// whole seconds unless it carries a fraction, so a limiter that rounds the time left down (Microsoft's Dev Proxy
        /// RateLimitingPlugin, say) answers 0 in the last second before its window resets: the true wait is anything
        /// under one second. One second is the shortest wait that is past that moment for every such limiter; less would
        /// arrive early again, spend another attempt and the app's budget, and earn another 429 (five of them in 0.1 s
        /// lost a certificate through Dev Proxy). It costs at most a second, once, against a header below it.
        /// </summary>
        public static readonly TimeSpan RetryAfterFloor = TimeSpan.FromSeconds(1);

        // A few milliseconds more than asked: a date is read against this machine's clock, never exactly Graph's, and
        // a busy machine's timers fire late or a hair early; the wait counts from when the answer was read, not sent.
        // 20 ms changes nothing a user sees, and no retry ever arrives before the moment Graph named.
        private static readonly TimeSpan RetryAfterMargin = TimeSpan.FromMilliseconds(20);

        // First backoff about 1 s, then about 2, 4, 8 s...; never more than 30 s between attempts without a Retry-After.
        private static readonly TimeSpan BackoffBase = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan BackoffCap = TimeSpan.FromSeconds(30);

        private readonly ResiliencePipeline<Attempt> _pipeline;

        public RetryPolicy(int maxRetryCount, TimeProvider time)
        {
            // The waits run on the connection's clock (virtual in the unit tier).
            var builder = new ResiliencePipelineBuilder<Attempt> { TimeProvider = time };
            if (maxRetryCount > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<Attempt>
                {
                    MaxRetryAttempts = maxRetryCount,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = BackoffBase,
                    // Caps only the computed backoff: a Retry-After from the DelayGenerator is used as it is.
                    MaxDelay = BackoffCap,
                    ShouldHandle = args => new ValueTask<bool>(args.Outcome.Result is { } attempt && ShouldRetry(attempt)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result?.RetryAfter),
                    OnRetry = args =>
                    {
                        var attempt = args.Outcome.Result!;
                        var log = attempt.Request.Log;
                        log?.Verbose(string.Format(
                            CultureInfo.InvariantCulture,
                            "{0}: {1}; retry {2} of {3} in {4:0.0} s.",
                            attempt.Request.Description,
                            attempt.Reason,
                            args.AttemptNumber + 1,
                            maxRetryCount,
                            args.RetryDelay.TotalSeconds));
                        log?.Waiting(WaitReason(attempt), args.RetryDelay, atMost: false);
                        return default;
                    },
                });
            }

            _pipeline = builder.Build();
        }

        /// <summary>Sends attempts (numbered from 1) until one succeeds, fails for good, or the retries run out; returns the last.</summary>
        public ValueTask<Attempt> ExecuteAsync(Func<int, CancellationToken, ValueTask<Attempt>> send, CancellationToken cancellationToken)
        {
            var number = 0;
            return _pipeline.ExecuteAsync(token => send(Interlocked.Increment(ref number), token), cancellationToken);
        }

        /// <summary>
        /// Which failed attempts are sent again. 429 and 503 say Graph did not carry the request out, so any method may
        /// repeat them. A 502 or 504 comes from a gateway that lost the service's answer, which may have carried the write
        /// out (Graph's error guidance): a GET, PATCH or DELETE repeats it (the same outcome however often it arrives), a
        /// POST does not: it is a lost answer, which the caller resolves by looking for what it may have created. A GET
        /// also repeats after a lost answer of its own (timeout, reset) or an unreadable body.
        /// </summary>
        public static bool ShouldRetry(Attempt attempt)
        {
            if (attempt.Failure is { } failure)
            {
                return !attempt.Request.IsWrite && failure.Failure is GraphFailure.Network or GraphFailure.Timeout or GraphFailure.MalformedResponse;
            }

            return attempt.StatusCode is 429 or 503 || (attempt.StatusCode is 502 or 504 && !AnswerMayBeLost(attempt));
        }

        /// <summary>A gateway's 502 or 504 to a POST: the service may have created the entry before its answer was lost.</summary>
        public static bool AnswerMayBeLost(Attempt attempt) => attempt.StatusCode is 502 or 504 && !attempt.Request.IsIdempotent;

        /// <summary>
        /// The wait a 429 or 503 announces, from <paramref name="now"/>: <c>Retry-After</c> as seconds, with a fraction
        /// when Graph sends one (its throttling page shows <c>Retry-After: 2.128</c>), or as an HTTP date; never less than
        /// <see cref="RetryAfterFloor"/>. Null when the answer names none (then the backoff decides).
        /// </summary>
        public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
        {
            var wait = AnnouncedRetryAfter(response, now);
            return wait is { } value ? RoundUp((value > RetryAfterFloor ? value : RetryAfterFloor) + RetryAfterMargin) : null;
        }

        /// <summary>
        /// What the header says, read from its raw text: .NET's typed <c>Headers.RetryAfter</c> reads "2.128" as nothing
        /// (it knows only whole seconds), which would make the client fall back to its own, shorter, back-off.
        /// </summary>
        private static TimeSpan? AnnouncedRetryAfter(HttpResponseMessage response, DateTimeOffset now)
        {
            if (!response.Headers.TryGetValues("Retry-After", out var values))
            {
                return null;
            }

            foreach (var raw in values)
            {
                var text = raw.Trim();
                if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds < TimeSpan.MaxValue.TotalSeconds)
                {
                    return TimeSpan.FromMilliseconds(Math.Ceiling(seconds * 1000));
                }

                if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                    || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
                {
                    return date - now;
                }
            }

            return null;
        }

        // Timers round a wait down to whole milliseconds (and may fire within the last one): rounding up and
        // adding one millisecond makes sure the retry never arrives before the moment Graph named.
        private static TimeSpan RoundUp(TimeSpan wait)
        {
            var milliseconds = (long)Math.Ceiling(wait.TotalMilliseconds) + 1;
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        // Why a retry waits, for the progress bar: Graph's answer and whether it named the wait, or the failure.
        private static string WaitReason(Attempt attempt) =>
            attempt.Failure is null
                ? "Graph answered " + attempt.Status + (attempt.RetryAfter is not null ? " with a Retry-After" : "; backing off")
                : "the request failed (" + attempt.Reason + "); backing off";
    }
}
