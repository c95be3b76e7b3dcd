using System;
using System.Globalization;
using System.Net.Http;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// Reads the wait a 429 or 503 announces: <c>Retry-After</c> as seconds, with a fraction when Graph sends one
    /// (its throttling page shows <c>Retry-After: 2.128</c>), or as an HTTP date; never less than <see cref="Floor"/>.
    /// </summary>
    internal static class RetryAfter
    {
        /// <summary>
        /// The shortest wait before a throttled request is sent again, whatever the header says. Retry-After counts in
        /// whole seconds unless it carries a fraction, so a limiter that rounds the time left down (Microsoft's Dev Proxy
        /// RateLimitingPlugin, say) answers 0 in the last second before its window resets: the true wait is anything
        /// under one second. One second is the shortest wait that is past that moment for every such limiter; less would
        /// arrive early again, spend another attempt and the app's budget, and earn another 429 (five of them in 0.1 s
        /// lost a certificate through Dev Proxy). It costs at most a second, once, against a header below it.
        /// </summary>
        public static readonly TimeSpan Floor = TimeSpan.FromSeconds(1);

        // A few milliseconds more than asked: a date is read against this machine's clock, never exactly Graph's, and
        // a busy machine's timers fire late or a hair early; the wait counts from when the answer was read, not sent.
        // 20 ms changes nothing a user sees, and no retry ever arrives before the moment Graph named.
        private static readonly TimeSpan SafetyMargin = TimeSpan.FromMilliseconds(20);

        /// <summary>The wait from <paramref name="now"/>; null when the answer names none (then the client backs off on its own).</summary>
        public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
        {
            var wait = Announced(response, now);
            return wait is { } value ? RoundUp((value > Floor ? value : Floor) + SafetyMargin) : null;
        }

        /// <summary>
        /// What the header says, read from its raw text: .NET's typed <c>Headers.RetryAfter</c> reads "2.128" as nothing
        /// (it knows only whole seconds), which would make the client fall back to its own, shorter, back-off.
        /// </summary>
        internal static TimeSpan? Announced(HttpResponseMessage response, DateTimeOffset now)
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
    }
}
