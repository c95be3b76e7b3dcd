using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// Keeps one connection's writes inside Intune's limit (POST/PATCH/DELETE: 100 per 20 s per app per
    /// tenant, sliding), so a pipeline of hundreds of certificates waits its turn instead of running into
    /// 429s. Every attempt takes a slot, retries included: Intune counts them too.
    /// </summary>
    internal sealed class WritePacer : IDisposable
    {
        private static readonly TimeSpan Segment = TimeSpan.FromSeconds(1);

        // The limiter counts in segments and frees a write's slot when its segment leaves the window: a slot
        // taken late in a segment comes back up to one segment early. One extra segment makes every slot stay
        // taken for at least the full 20 s, as Intune's exact sliding window counts it.
        private static readonly TimeSpan Window = TimeSpan.FromSeconds(20) + Segment;

        private readonly SlidingWindowRateLimiter _limiter;

        /// <summary>A pacer that lets <paramref name="permitLimit"/> writes through per 20 s.</summary>
        public WritePacer(int permitLimit)
        {
            _limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permitLimit,
                Window = Window,
                SegmentsPerWindow = (int)(Window.Ticks / Segment.Ticks),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }

        /// <summary>Returns when a write may be sent; a cancelled token (Ctrl+C) ends the wait at once.</summary>
        public async Task WaitAsync(RequestLog? log, CancellationToken cancellationToken)
        {
            using (var lease = _limiter.AttemptAcquire(1))
            {
                if (lease.IsAcquired)
                {
                    return;
                }
            }

            log?.Verbose("Pacing writes to stay inside Intune's limit of 100 per 20 seconds (Connect -WriteLimit): waiting for a free slot.");
            log?.Waiting("Intune's write limit of 100 per 20 seconds per app and tenant (Connect -WriteLimit)", Window, atMost: true);
            using var waited = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!waited.IsAcquired)
            {
                // The queue is unbounded, so only disposal refuses a lease: the connection was closed.
                throw new ObjectDisposedException(nameof(WritePacer), "The connection was closed while a write waited for its turn.");
            }
        }

        public void Dispose() => _limiter.Dispose();
    }
}
