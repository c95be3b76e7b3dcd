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
    /// The retries of every Graph request, as one Polly pipeline per connection: Retry-After (seconds, with their
    /// fraction, or an HTTP date) is honoured to the millisecond, never below <see cref="RetryAfter.Floor"/>; without
    /// it the wait grows exponentially with jitter. The waits are cancellable, so Ctrl+C ends them at once.
    /// </summary>
    internal sealed class GraphRetryPipeline
    {
        // The pipeline is built once; each request's state travels in its ResilienceContext.
        private static readonly ResiliencePropertyKey<GraphCall> CallKey = new ResiliencePropertyKey<GraphCall>("CodeSigningCerts.GraphCall");

        // First backoff about 1 s, then about 2, 4, 8 s...; never more than 30 s between attempts without a Retry-After.
        private static readonly TimeSpan BackoffBase = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan BackoffCap = TimeSpan.FromSeconds(30);

        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

        public GraphRetryPipeline(int maxRetryCount)
        {
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
            if (maxRetryCount > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = maxRetryCount,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = BackoffBase,
                    // Caps only the computed backoff: a Retry-After from the DelayGenerator is used as it is.
                    MaxDelay = BackoffCap,
                    ShouldHandle = args => new ValueTask<bool>(RetryDecision.ShouldRetry(args.Outcome, CallOf(args.Context))),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result is { } response ? RetryAfter.Read(response, DateTimeOffset.UtcNow) : null),
                    OnRetry = args =>
                    {
                        var call = CallOf(args.Context);
                        call.Log?.Verbose(string.Format(
                            CultureInfo.InvariantCulture,
                            "{0}: {1}; retry {2} of {3} in {4:0.0} s.",
                            call.Description,
                            RetryDecision.Reason(args.Outcome),
                            args.AttemptNumber + 1,
                            maxRetryCount,
                            args.RetryDelay.TotalSeconds));
                        call.Log?.Waiting(WaitReason(args.Outcome), args.RetryDelay, atMost: false);
                        return default;
                    },
                });
            }

            _pipeline = builder.Build();
        }

        /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or the retries run out; the last answer is returned.</summary>
        public async Task<HttpResponseMessage> ExecuteAsync(GraphCall call, Func<GraphCall, CancellationToken, ValueTask<HttpResponseMessage>> attempt, CancellationToken cancellationToken)
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            try
            {
                context.Properties.Set(CallKey, call);
                return await _pipeline.ExecuteAsync(
                    static (ctx, state) => state.attempt(state.call, ctx.CancellationToken),
                    context,
                    (call, attempt)).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        private static GraphCall CallOf(ResilienceContext context) => context.Properties.GetValue(CallKey, null!);

        // Why a retry waits, for the progress bar: Graph's answer and whether it named the wait, or the failure.
        private static string WaitReason(Outcome<HttpResponseMessage> outcome) =>
            outcome.Result is { } answer
                ? "Graph answered " + RetryDecision.Reason(outcome) + (RetryAfter.Announced(answer, DateTimeOffset.UtcNow) is null ? "; backing off" : " with a Retry-After")
                : "the request failed (" + RetryDecision.Reason(outcome) + "); backing off";
    }
}
