using System;
using System.Net.Http;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>Reads the wait a 429 or 503 announces: <c>Retry-After</c> as seconds or as an HTTP date.</summary>
    internal static class RetryAfter
    {
        /// <summary>The wait from <paramref name="now"/>; null when the answer names none (then the client backs off on its own).</summary>
        public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
        {
            var header = response.Headers.RetryAfter;
            TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
            return wait is { } value ? RoundUp(value + SafetyMargin) : null;
        }

        // A few milliseconds more than asked: a date is read against this machine's clock, never exactly
        // Graph's, and a busy machine's timers fire late or a hair early; the wait counts from when the answer
        // was read, not sent. Retry-After has one-second resolution, so 20 ms changes nothing a user sees,
        // and no retry ever arrives before the moment Graph named.
        private static readonly TimeSpan SafetyMargin = TimeSpan.FromMilliseconds(20);

        // Timers round a wait down to whole milliseconds (and may fire within the last one): rounding up and
        // adding one millisecond makes sure the retry never arrives before the moment Graph named.
        private static TimeSpan RoundUp(TimeSpan wait)
        {
            if (wait <= TimeSpan.Zero)
            {
                return TimeSpan.Zero;
            }

            var milliseconds = (long)Math.Ceiling(wait.TotalMilliseconds) + 1;
            return TimeSpan.FromMilliseconds(milliseconds);
        }
    }
}
