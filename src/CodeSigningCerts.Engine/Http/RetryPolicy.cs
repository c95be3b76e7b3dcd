using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// The retries of every Graph request, as one Polly pipeline per connection: Retry-After (seconds, with their
    /// fraction, or an HTTP date) is honoured to the millisecond, never below <see cref="RetryAfter.Floor"/>; without
    /// it the wait grows exponentially with jitter. The waits are cancellable, so Ctrl+C ends them at once. Each
    /// attempt is a value (<see cref="Attempt"/>) that carries its request, so the pipeline keeps no state of its own.
    /// </summary>
    internal sealed class RetryPolicy
    {
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
                    ShouldHandle = args => new ValueTask<bool>(args.Outcome.Result is { } attempt && RetryDecision.ShouldRetry(attempt)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result?.Answer?.RetryAfter),
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

        // Why a retry waits, for the progress bar: Graph's answer and whether it named the wait, or the failure.
        private static string WaitReason(Attempt attempt) =>
            attempt.Answer is { } answer
                ? "Graph answered " + answer.Status + (answer.RetryAfter is not null ? " with a Retry-After" : "; backing off")
                : "the request failed (" + attempt.Reason + "); backing off";
    }

    /// <summary>Which failed attempts are sent again.</summary>
    internal static class RetryDecision
    {
        /// <summary>
        /// 429 and 503 say Graph did not carry the request out, so any method may repeat them. A 502 or 504 comes from a
        /// gateway that lost the service's answer, which may have carried the write out (Graph's error guidance): a GET, PATCH or
        /// DELETE repeats it (the same outcome however often it arrives), a POST does not: it is a lost answer, which the
        /// caller resolves by looking for what it may have created. A GET also repeats after a lost answer of its own
        /// (timeout, reset) or an unreadable body.
        /// </summary>
        public static bool ShouldRetry(Attempt attempt)
        {
            if (attempt.Failure is { } failure)
            {
                return !attempt.Request.IsWrite && failure.Failure is GraphFailure.Network or GraphFailure.Timeout or GraphFailure.MalformedResponse;
            }

            var status = attempt.Answer!.StatusCode;
            return status is 429 or 503 || (status is 502 or 504 && !AnswerMayBeLost(status, attempt.Request));
        }

        /// <summary>A gateway's 502 or 504 to a POST: the service may have created the entry before its answer was lost.</summary>
        public static bool AnswerMayBeLost(int status, GraphRequest request) => status is 502 or 504 && !request.IsIdempotent;
    }
}
