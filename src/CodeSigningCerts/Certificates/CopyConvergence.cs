using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Connection;
using System.Management.Automation;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// After a command's uploads: makes two runs that uploaded the same certificate at once (two runbooks, each of
    /// which listed the tenant before the other created anything) end with one entry, not two.
    /// </summary>
    /// <remarks>
    /// The rule every run applies to the same listing, so all agree: of the entries that are the same certificate, the
    /// one uploaded first is kept (earliest uploadDateTime, then the lowest id). A run removes only entries it created
    /// itself for that certificate (it knows what it sent: a proven copy), never another run's, so an entry is
    /// removed by the one run that knows it for a copy. The check waits until the listing shows every entry this
    /// command created: a listing that lags shows what was created before it in order, so the run whose upload came
    /// later also sees the earlier one and removes its own. Both runs keep theirs only when the later one's clock was
    /// behind the earlier one's by more than the time between the two uploads (uploadDateTime is each run's clock).
    /// </remarks>
    internal sealed class CopyConvergence
    {
        // Past this many certificates, one listing of the whole tenant costs less than a filtered one per subject name.
        private const int FilteredLookups = 3;

        private readonly List<KeyValuePair<X509Certificate2, EnterpriseCodeSigningCertificate>> _uploads =
            new List<KeyValuePair<X509Certificate2, EnterpriseCodeSigningCertificate>>();

        private DateTime _lastUploadUtc;

        /// <summary>Notes an entry this command created for <paramref name="certificate"/>.</summary>
        public void Note(X509Certificate2 certificate, EnterpriseCodeSigningCertificate created)
        {
            if (created.Id is not null)
            {
                _uploads.Add(new KeyValuePair<X509Certificate2, EnterpriseCodeSigningCertificate>(certificate, created));
                _lastUploadUtc = DateTime.UtcNow;
            }
        }

        /// <summary>
        /// Lists until this command's entries show (or the allowance passes), then removes this command's copies of what
        /// another run uploaded first; the errors of those it could not remove. <paramref name="settled"/> is false when
        /// <paramref name="tenant"/> may no longer match the tenant (a listing or a removal failed).
        /// </summary>
        public List<ErrorRecord> Run(GraphCmdlet cmdlet, GraphConnection connection, TenantCertificates tenant, out bool settled)
        {
            var errors = new List<ErrorRecord>();
            settled = true;
            if (_uploads.Count == 0)
            {
                return errors;
            }

            List<EnterpriseCodeSigningCertificate> listed;
            try
            {
                listed = ListUntilOwnShow(cmdlet, connection);
            }
            catch (GraphException ex)
            {
                // The uploads stand; only the check for another run's copies could not be made.
                cmdlet.WriteVerbose("Could not list the tenant to check for copies uploaded by another run at the same time: " + ex.Message);
                settled = false;
                return errors;
            }

            if (_uploads.Count > FilteredLookups)
            {
                tenant.Replace(listed);
            }
            else
            {
                foreach (var entry in listed)
                {
                    tenant.Add(entry);
                }
            }

            var ours = new HashSet<string>(_uploads.Select(u => u.Value.Id!), StringComparer.OrdinalIgnoreCase);
            var removed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var upload in _uploads)
            {
                var certificate = upload.Key;
                var same = tenant.FindAllSame(certificate);
                if (same.Count < 2)
                {
                    continue;
                }

                var kept = same.OrderBy(e => e.UploadDateTime ?? DateTimeOffset.MaxValue).ThenBy(e => e.Id, StringComparer.OrdinalIgnoreCase).First();
                foreach (var copy in same.Where(e => ours.Contains(e.Id!) && removed.Add(e.Id!) && !string.Equals(e.Id, kept.Id, StringComparison.OrdinalIgnoreCase)))
                {
                    if (RemoveCopy(cmdlet, connection, tenant, certificate, copy, kept) is { } error)
                    {
                        errors.Add(error);
                        settled = false;
                    }
                }
            }

            return errors;
        }

        private static ErrorRecord? RemoveCopy(GraphCmdlet cmdlet, GraphConnection connection, TenantCertificates tenant, X509Certificate2 certificate, EnterpriseCodeSigningCertificate copy, EnterpriseCodeSigningCertificate kept)
        {
            try
            {
                cmdlet.Graph(connection, (api, log, token) => api.DeleteAsync(copy.Id!, log, token));
            }
            catch (GraphException ex) when (ex.StatusCode != 404)
            {
                return GraphErrors.ToErrorRecord(ex, certificate);
            }

            tenant.Remove(copy.Id!);
            cmdlet.WriteWarning("The certificate " + CertificateChecks.Describe(certificate) + " was uploaded twice at the same time (by another run, or again after a lost answer): "
                + kept + " was uploaded first and is kept; this command's copy " + copy + " was removed.");
            return null;
        }

        /// <summary>The listing once it shows every entry this command created, or the last one made when the allowance ran out.</summary>
        private List<EnterpriseCodeSigningCertificate> ListUntilOwnShow(GraphCmdlet cmdlet, GraphConnection connection)
        {
            var ids = new HashSet<string>(_uploads.Select(u => u.Value.Id!), StringComparer.OrdinalIgnoreCase);
            for (var looks = 0; ; looks++)
            {
                var listed = List(cmdlet, connection);
                if (ids.IsSubsetOf(listed.Select(e => e.Id!)) || !ListingLag.WaitMore(cmdlet.Pause, _lastUploadUtc, looks))
                {
                    return listed;
                }
            }
        }

        /// <summary>The whole tenant, or, for a few certificates, only the entries with their subject names (a filter on Graph's side).</summary>
        private List<EnterpriseCodeSigningCertificate> List(GraphCmdlet cmdlet, GraphConnection connection)
        {
            if (_uploads.Count > FilteredLookups)
            {
                return TenantListing.Fetch(cmdlet, connection);
            }

            var listed = new List<EnterpriseCodeSigningCertificate>();
            foreach (var name in _uploads.Select(u => u.Value.SubjectName ?? u.Key.GetNameInfo(X509NameType.SimpleName, false)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                listed.AddRange(TenantListing.Fetch(cmdlet, connection, "subjectName eq '" + name.Replace("'", "''") + "'"));
            }

            return listed;
        }
    }
}
