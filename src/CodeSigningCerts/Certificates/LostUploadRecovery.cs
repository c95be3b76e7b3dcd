using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// Finds the entry of a create whose answer was lost (<see cref="CertificateUploader"/> met it): the tenant is
    /// listed, and an entry that appeared for the certificate is taken as the one created. A listing may lag behind the
    /// create, so it is looked at again, with growing pauses, until <see cref="ListingLag.Allowance"/> has passed since
    /// the answer was lost. Only a lost answer comes here: an upload that was answered never waits for a listing.
    /// </summary>
    internal sealed class LostUploadRecovery
    {
        private readonly CertificateApi _api;
        private readonly RequestLog? _log;
        private readonly IUploadConversation _user;
        private readonly TenantCertificates _tenant;

        public LostUploadRecovery(CertificateApi api, RequestLog? log, IUploadConversation user, TenantCertificates tenant)
        {
            (_api, _log, _user, _tenant) = (api, log, user, tenant);
        }

        /// <summary>Lists until an entry for <paramref name="certificate"/> that was not there before shows, or the allowance passes.</summary>
        public async Task<(EnterpriseCodeSigningCertificate? Found, UploadProblem? RelistFailed)> FindAsync(X509Certificate2 certificate, GraphException lost, CancellationToken cancellationToken)
        {
            // What existed before: with -Force an identical entry may, and must not pass for the one just created.
            var before = _tenant.Ids();
            var lostAt = _api.Clock.UtcNow;
            for (var looks = 0; ; looks++)
            {
                _user.Verbose(looks == 0
                    ? "The answer to the upload of " + CertificateChecks.Describe(certificate) + " was lost (" + lost.Message + "); listing the tenant's certificates to see whether Graph created it."
                    : "Listing the tenant's certificates again: a listing may lag behind a create.");
                try
                {
                    _tenant.Replace(await TenantCertificates.ListAsync(_api, _log, cancellationToken).ConfigureAwait(false));
                }
                catch (GraphException relist)
                {
                    var message = "The upload of " + CertificateChecks.Describe(certificate) + " may or may not have happened: its answer was lost (" + lost.Message
                        + ") and listing the tenant's certificates to find out failed too (" + relist.Message + ").";
                    return (null, UploadProblem.Explained(ErrorIds.CertificateUploadOutcomeUnknown, message, lost, certificate));
                }

                if (_tenant.FindSame(certificate, except: before) is { } found)
                {
                    return (found, null);
                }

                if (!await ListingLag.WaitMoreAsync(_api.Clock, lostAt, looks, cancellationToken).ConfigureAwait(false))
                {
                    return (null, null);
                }
            }
        }
    }

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
