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
}
