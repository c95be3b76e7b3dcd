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
            return wait is { } value ? RoundUp(value) : null;
        }

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
