using System;
using System.Threading.Tasks;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// A listing of the tenant may lag behind a create (graph-api.md): an entry Graph created may be missing from a
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

        /// <summary>The pauses between looks: short first (most listings lag little or not at all), then longer.</summary>
        public static TimeSpan NextPause(int looksSoFar) =>
            TimeSpan.FromMilliseconds(Math.Min(4000, 250 * (1 << Math.Min(looksSoFar, 4))));

        /// <summary>Waits <paramref name="pause"/>; Ctrl+C ends the wait and the command at once.</summary>
        public static void Pause(GraphCmdlet cmdlet, TimeSpan pause)
        {
            if (pause > TimeSpan.Zero)
            {
                cmdlet.Await(async token =>
                {
                    await Task.Delay(pause, token).ConfigureAwait(false);
                    return true;
                });
            }
        }
    }
}
