using System;
using System.Threading;
using System.Threading.Tasks;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// A listing of the tenant may lag behind a create (seen against the service, issue 13): an entry Graph created may
    /// be missing from a listing made just after. Only an upload whose answer was lost waits for it, because there the
    /// module would otherwise upload twice; nothing else pays for the lag.
    /// </summary>
    internal static class ListingLag
    {
        /// <summary>
        /// How long after a create its entry may still be missing from a listing. Graph documents no bound; a listing
        /// 5 s behind was seen (issue 13), and twice that leaves room for a busier moment. It is also how close in time
        /// two uploads of one certificate must be to count as copies made by a race (<see cref="CertificateCopies"/>).
        /// </summary>
        public static readonly TimeSpan Allowance = TimeSpan.FromSeconds(10);

        /// <summary>
        /// False once <see cref="Allowance"/> has passed since <paramref name="since"/>; otherwise waits on
        /// <paramref name="clock"/> before the next look (never past the allowance) and returns true.
        /// </summary>
        public static async Task<bool> WaitMoreAsync(GraphClock clock, DateTimeOffset since, int looksSoFar, CancellationToken cancellationToken)
        {
            var left = Allowance - (clock.UtcNow - since);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            var next = NextPause(looksSoFar);
            await clock.Delay(next < left ? next : left, cancellationToken).ConfigureAwait(false);
            return true;
        }

        /// <summary>The pauses between looks: short first (most listings lag little or not at all), then longer.</summary>
        private static TimeSpan NextPause(int looksSoFar) =>
            TimeSpan.FromMilliseconds(Math.Min(4000, 250 * (1 << Math.Min(looksSoFar, 4))));
    }
}
