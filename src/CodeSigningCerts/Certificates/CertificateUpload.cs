using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// Creates one certificate's resource. A POST whose answer was lost (a timeout, a reset connection, a
    /// gateway's 502 or 504, a success with an unreadable body) may have been carried out, so it is not simply
    /// sent again: the tenant is listed, and a resource that appeared for this certificate is taken as the one
    /// created. A listing may lag behind the create, so it is looked at again, with growing pauses, until
    /// <see cref="ListingLag.Allowance"/> has passed since the answer was lost; only then is the POST sent again,
    /// up to the connection's retry limit. (Should the create show up later still, the check after the command's
    /// uploads, <see cref="CopyConvergence"/>, finds the two and removes the copy.)
    /// </summary>
    internal sealed class CertificateUpload
    {
        private readonly GraphCmdlet _cmdlet;
        private readonly GraphConnection _connection;
        private readonly TenantCertificates _tenant;

        public CertificateUpload(GraphCmdlet cmdlet, GraphConnection connection, TenantCertificates tenant)
        {
            _cmdlet = cmdlet;
            _connection = connection;
            _tenant = tenant;
        }

        /// <summary>The created resource, or null after the error was written.</summary>
        public EnterpriseCodeSigningCertificate? Create(X509Certificate2 certificate, CertificateStatus status)
        {
            for (var resends = 0; ; resends++)
            {
                var body = CertificateResource.FromCertificate(certificate, DateTimeOffset.UtcNow);
                body["status"] = status.GraphValue;
                try
                {
                    var response = _cmdlet.Send(_connection, new GraphRequest("POST", CertificateResource.CollectionPath, body));
                    var created = CertificateResource.ToCreated(response.Body ?? body, body, certificate);
                    _tenant.AddCreated(created);
                    return created;
                }
                catch (GraphException lost) when (lost.OutcomeUnknown)
                {
                    // What existed before this attempt (the index has not changed since it began): with -Force an
                    // identical one may, and must not pass for ours. Taken only here, on the rare lost answer: a copy
                    // of every id per upload made each certificate cost more the more the tenant held.
                    var before = _tenant.Ids();
                    var lostAt = DateTime.UtcNow;
                    EnterpriseCodeSigningCertificate? found = null;
                    for (var looks = 0; found is null; looks++)
                    {
                        if (!TryRelist(certificate, lost, looks))
                        {
                            // Nobody knows what the tenant holds now: the next command must list it afresh.
                            _connection.ForgetCertificates();
                            return null;
                        }

                        found = _tenant.FindSame(certificate, except: before);
                        if (found is not null || !ListingLag.WaitMore(_cmdlet, lostAt, looks))
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
                        _connection.ForgetCertificates();
                        _cmdlet.WriteGraphError(lost, certificate);
                        return null;
                    }

                    _cmdlet.WriteVerbose("Graph has not created " + CertificateChecks.Describe(certificate) + " (no entry for it in " + ListingLag.Allowance.TotalSeconds + " s of listings); sending it again.");
                }
                catch (GraphException ex)
                {
                    _connection.ForgetCertificates();
                    _cmdlet.WriteGraphError(ex, certificate);
                    return null;
                }
            }
        }

        /// <summary>Lists the tenant afresh; when that fails too, says that nobody knows whether the upload happened.</summary>
        private bool TryRelist(X509Certificate2 certificate, GraphException lost, int looks)
        {
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
                _cmdlet.WriteError(ActionableError.Create(
                    lost,
                    ErrorIds.CertificateUploadOutcomeUnknown,
                    ErrorCategory.ConnectionError,
                    certificate,
                    "Run the command again: a certificate that was uploaded is then refused as CertificateAlreadyUploaded once the listing shows it, or its second copy removed at the end of the command.",
                    message));
                return false;
            }
        }
    }
}
