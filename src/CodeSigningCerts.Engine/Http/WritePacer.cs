using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// Keeps one connection's writes inside Intune's limit (POST/PATCH/DELETE: 100 per 20 s per app per tenant,
    /// sliding), so a pipeline of hundreds of certificates waits its turn instead of running into 429s. Every attempt
    /// takes a slot, retries included: Intune counts them too.
    /// </summary>
    /// <remarks>
    /// Intune stamps a write when it receives it, a moment this client never sees: it lies somewhere between sending
    /// and the answer. A slot is therefore taken before the write is sent and given back <see cref="Hold"/> after its
    /// attempt ended (answered, failed or cancelled), later than Intune's own stamp however slow the network or a TLS
    /// handshake was. So no 101st write is ever sent within 20 s of the one whose slot it takes, as Intune counts
    /// them, and a pipeline that sends one write after another loses nothing to it: 100 writes, then one more for each
    /// write whose 20 s have passed (500 certificates: about 80 s, the fastest the limit allows). A limiter that stamps
    /// writes when they are sent (a sliding window) needs a margin for the slowest send instead, and is slower by it.
    /// </remarks>
    internal sealed class WritePacer : IDisposable
    {
        private static readonly TimeSpan IntuneWindow = TimeSpan.FromSeconds(20);

        // A timer may fire up to one tick of the system clock early (15.6 ms on Windows): 50 ms covers it, and costs
        // 500 sequential certificates 0.2 s.
        private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(50);

        /// <summary>How long after its attempt ended a write's slot stays taken.</summary>
        internal static readonly TimeSpan Hold = IntuneWindow + TimerSlack;

        private readonly ConcurrencyLimiter _slots;
        private readonly TimeProvider _time;

        /// <summary>A pacer that lets <paramref name="permitLimit"/> writes through per 20 s of <paramref name="time"/>.</summary>
        public WritePacer(int permitLimit, TimeProvider time)
        {
            _time = time;
            _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = permitLimit,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }

        /// <summary>
        /// Returns when a write may be sent, with its slot; hand the slot to <see cref="Release"/> when the attempt is
        /// over. A cancelled token (Ctrl+C) ends the wait at once.
        /// </summary>
        public async Task<RateLimitLease> TakeSlotAsync(RequestLog? log, CancellationToken cancellationToken)
        {
            var lease = _slots.AttemptAcquire(1);
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                log?.Verbose("Pacing writes to stay inside Intune's limit of 100 per 20 seconds (Connect -WriteLimit): waiting for a free slot.");
                log?.Waiting("Intune's write limit of 100 per 20 seconds per app and tenant (Connect -WriteLimit)", Hold, atMost: true);
                lease = await _slots.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                if (!lease.IsAcquired)
                {
                    // The queue is unbounded, so only disposal refuses a lease: the connection was closed.
                    lease.Dispose();
                    throw new ObjectDisposedException(nameof(WritePacer), "The connection was closed while a write waited for its turn.");
                }
            }

            return lease;
        }

        /// <summary>Starts the <see cref="Hold"/> after which <paramref name="slot"/>, whose attempt is over, frees.</summary>
        public void Release(RateLimitLease slot)
        {
            // The delay's timer is rooted while it waits (an unreferenced System.Threading.Timer may be collected first).
            _ = _time.Delay(Hold, CancellationToken.None).ContinueWith((_, state) => ((RateLimitLease)state!).Dispose(), slot, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        /// <summary>Refuses the writes still waiting. Slots still held free on their own (a no-op once closed).</summary>
        public void Dispose() => _slots.Dispose();
    }
}
