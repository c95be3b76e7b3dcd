using System;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;
using CodeSigningCerts.Model;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// Creates one certificate's resource. A POST whose answer was lost (a timeout, a reset connection, a gateway's 502
    /// or 504, a success with an unreadable body) may have been carried out, so it is not simply sent again: the tenant
    /// is listed, and a resource that appeared for this certificate is taken as the one created. A listing may lag
    /// behind the create, so it is looked at again, with growing pauses, until <see cref="ListingLag.Allowance"/> has
    /// passed since the answer was lost; only then is the POST sent again, up to the connection's retry limit. (Should
    /// the create show up later still, <see cref="CopyConvergence"/> finds the two and removes the copy.)
    /// </summary>
    internal sealed class LostUploadRecovery
    {
        private readonly GraphCmdlet _cmdlet;
        private readonly GraphConnection _connection;
        private readonly TenantCertificates _tenant;

        public LostUploadRecovery(GraphCmdlet cmdlet, GraphConnection connection, TenantCertificates tenant)
        {
            _cmdlet = cmdlet;
            _connection = connection;
            _tenant = tenant;
        }

        /// <summary>The created resource (entered in the tenant), or null and the error that says why not.</summary>
        public EnterpriseCodeSigningCertificate? Create(X509Certificate2 certificate, CertificateStatus status, out ErrorRecord? failure)
        {
            failure = null;
            for (var resends = 0; ; resends++)
            {
                GraphException lost;
                try
                {
                    var created = _cmdlet.Graph(_connection, (api, log, token) => api.CreateAsync(certificate, status.GraphValue, log, token)).ToCertificate();
                    _tenant.AddCreated(created);
                    return created;
                }
                catch (GraphException ex) when (ex.OutcomeUnknown)
                {
                    lost = ex;
                }
                catch (GraphException ex)
                {
                    failure = GraphErrors.ToErrorRecord(ex, certificate);
                    return null;
                }

                // What existed before this attempt: with -Force an identical one may, and must not pass for ours.
                var before = _tenant.Ids();
                var lostAt = DateTime.UtcNow;
                EnterpriseCodeSigningCertificate? found = null;
                for (var looks = 0; found is null; looks++)
                {
                    if (!TryRelist(certificate, lost, looks, out failure))
                    {
                        return null;
                    }

                    found = _tenant.FindSame(certificate, except: before);
                    if (found is not null || !ListingLag.WaitMore(_cmdlet.Pause, lostAt, looks))
                    {
                        break;
                    }
                }

                if (found is not null)
                {
                    _cmdlet.WriteVerbose("Graph had created " + CertificateChecks.Describe(certificate) + " before its answer was lost: " + found + ".");
                    _tenant.AddCreated(found);
                    return found.WithCertificate(certificate);
                }

                if (resends >= _connection.Context.MaxRetryCount)
                {
                    failure = GraphErrors.ToErrorRecord(lost, certificate);
                    return null;
                }

                _cmdlet.WriteVerbose("Graph has not created " + CertificateChecks.Describe(certificate) + " (no entry for it in " + ListingLag.Allowance.TotalSeconds + " s of listings); sending it again.");
            }
        }

        /// <summary>Lists the tenant afresh; when that fails too, the error says nobody knows whether the upload happened.</summary>
        private bool TryRelist(X509Certificate2 certificate, GraphException lost, int looks, out ErrorRecord? failure)
        {
            failure = null;
            _cmdlet.WriteVerbose(looks == 0
                ? "The answer to the upload of " + CertificateChecks.Describe(certificate) + " was lost (" + lost.Message + "); listing the tenant's certificates to see whether Graph created it."
                : "Listing the tenant's certificates again: a listing may lag behind a create.");
            try
            {
                _tenant.Replace(TenantListing.Fetch(_cmdlet, _connection));
                return true;
            }
            catch (GraphException relist)
            {
                var message = "The upload of " + CertificateChecks.Describe(certificate) + " may or may not have happened: its answer was lost (" + lost.Message
                    + ") and listing the tenant's certificates to find out failed too (" + relist.Message + ").";
                failure = ErrorTable.Create(ErrorIds.CertificateUploadOutcomeUnknown, lost, certificate, message);
                return false;
            }
        }
    }
}
