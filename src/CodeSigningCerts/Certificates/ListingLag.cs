using System;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// A listing of the tenant may lag behind a create (seen against the service, issue 13): an entry Graph created may be missing from a
    /// listing made just after. Whatever decides from a listing whether something was created waits this long for it.
    /// </summary>
    internal static class ListingLag
    {
        /// <summary>
        /// How long after a create its entry may still be missing from a listing. Graph documents no bound; a listing
        /// 5 s behind was seen (issue 13), and twice that leaves room for a busier moment. Only a lost answer or the
        /// check after a command's uploads ever waits it, and each stops as soon as the listing shows what it looks for.
        /// </summary>
        public static readonly TimeSpan Allowance = TimeSpan.FromSeconds(10);

        /// <summary>
        /// False once <see cref="Allowance"/> has passed since <paramref name="sinceUtc"/>; otherwise waits before the
        /// next look (never past the allowance) through <paramref name="pause"/> and returns true.
        /// </summary>
        public static bool WaitMore(Action<TimeSpan> pause, DateTime sinceUtc, int looksSoFar)
        {
            var left = Allowance - (DateTime.UtcNow - sinceUtc);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            var next = NextPause(looksSoFar);
            pause(next < left ? next : left);
            return true;
        }

        /// <summary>The pauses between looks: short first (most listings lag little or not at all), then longer.</summary>
        private static TimeSpan NextPause(int looksSoFar) =>
            TimeSpan.FromMilliseconds(Math.Min(4000, 250 * (1 << Math.Min(looksSoFar, 4))));
    }
}
