using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// The uploads of one New-EnterpriseCodeSigningCertificate command. Each certificate runs check → already there?
    /// → create (finding a create whose answer was lost) → removal of what it supersedes, and comes back as an
    /// <see cref="UploadOutcome"/> for the cmdlet to write. Progress is narrated (verbose, warnings) as it happens.
    /// </summary>
    internal sealed class CertificateUploader
    {
        private const string UploadAction = "Upload as an Intune enterprise code-signing certificate";

        private readonly GraphCmdlet _cmdlet;
        private readonly bool _force;
        private readonly bool _removeSuperseded;
        private readonly CertificateStatus _status;

        // What this command created, checked at its end for copies another run uploaded at the same time.
        private readonly CopyConvergence _uploads = new CopyConvergence();

        // What the tenant holds, listed once per command at the first certificate that needs it (or the connection's recent listing).
        private TenantCertificates? _tenant;

        // False once a write of this command failed without its outcome being entered in _tenant: the connection then
        // never again takes _tenant for current, and the next command lists the tenant afresh.
        private bool _tenantAccountsForWrites = true;

        public CertificateUploader(GraphCmdlet cmdlet, bool force, bool removeSuperseded, CertificateStatus status)
        {
            _cmdlet = cmdlet;
            _force = force;
            _removeSuperseded = removeSuperseded;
            _status = status;
        }

        public UploadOutcome Upload(X509Certificate2 certificate)
        {
            if (CertificateGate.Check(certificate, _force, _cmdlet.WriteWarning) is { } refusal)
            {
                return UploadOutcome.Refused(refusal);
            }

            var connection = _cmdlet.CurrentConnection;
            if (connection is null)
            {
                // Nothing can be looked up without a connection: -WhatIf still shows the upload of a certificate
                // that passed the checks; anything else stops with NotConnected.
                if (_cmdlet.ShouldProcess(CertificateChecks.Describe(certificate), UploadAction))
                {
                    _cmdlet.RequireConnection();
                }

                return UploadOutcome.NotSent;
            }

            var tenant = Tenant(connection, out var listingFailed);
            if (tenant is null)
            {
                // This certificate cannot be checked; the next one tries the listing again.
                return UploadOutcome.Failed(GraphErrors.ToErrorRecord(listingFailed!, certificate));
            }

            if (!_force && AlreadyThere(tenant, certificate) is { } there)
            {
                return UploadOutcome.Refused(there);
            }

            if (!_cmdlet.ShouldProcess(CertificateChecks.Describe(certificate), UploadAction, out var whatIf))
            {
                if (whatIf && _removeSuperseded)
                {
                    // Under -WhatIf every ShouldProcess answers no: this only shows what would be removed.
                    RemoveSuperseded(connection, tenant, certificate);
                }

                return UploadOutcome.NotSent;
            }

            var created = new LostUploadRecovery(_cmdlet, connection, tenant).Create(certificate, _status, out var failure);
            if (created is null)
            {
                _tenantAccountsForWrites = false;
                return UploadOutcome.Failed(failure!);
            }

            KeepListing(connection, tenant);
            if (!_force)
            {
                // With -Force a second copy is what the user asked for.
                _uploads.Note(certificate, created);
            }

            return UploadOutcome.Uploaded(created, _removeSuperseded ? RemoveSuperseded(connection, tenant, certificate) : Array.Empty<ErrorRecord>());
        }

        /// <summary>After the last input: removes this command's copies of certificates another run uploaded at the same time; the errors of removing them.</summary>
        public IReadOnlyList<ErrorRecord> Finish()
        {
            if (_tenant is null || _cmdlet.CurrentConnection is not { } connection)
            {
                return Array.Empty<ErrorRecord>();
            }

            var errors = _uploads.Run(_cmdlet, connection, _tenant, out var settled);
            _tenantAccountsForWrites &= settled;
            KeepListing(connection, _tenant);
            return errors;
        }

        /// <summary>Lets the connection take <paramref name="tenant"/> for current: every write so far is entered in it.</summary>
        private void KeepListing(GraphConnection connection, TenantCertificates tenant)
        {
            if (_tenantAccountsForWrites)
            {
                connection.Keep(tenant, listedNow: false);
            }
        }

        /// <summary>
        /// What the tenant already holds stops an upload (unless -Force): the same certificate, so that a re-run uploads
        /// nothing twice; and with -RemoveSuperseded a newer one with its subject, so that the old certificate still in the
        /// store does not come back after a roll-over.
        /// </summary>
        private ErrorRecord? AlreadyThere(TenantCertificates tenant, X509Certificate2 certificate)
        {
            if (tenant.FindSame(certificate) is { } existing)
            {
                return Refusal(ErrorIds.CertificateAlreadyUploaded, "The certificate " + CertificateChecks.Describe(certificate) + " is already uploaded as " + existing + "; it was not uploaded again.", certificate);
            }

            if (_removeSuperseded && tenant.FindNewer(certificate) is { } newer)
            {
                return Refusal(ErrorIds.CertificateSuperseded, "The certificate " + CertificateChecks.Describe(certificate) + " is superseded by " + newer + ", which has its subject and expires later; uploading it would make Intune deploy the older one.", certificate);
            }

            return null;
        }

        private static ErrorRecord Refusal(string errorId, string message, X509Certificate2 certificate) =>
            ErrorTable.Create(errorId, new InvalidOperationException(message), certificate);

        /// <summary>
        /// -RemoveSuperseded: the renewal roll-over. Once a certificate is in Intune, the entries it replaces (same
        /// subject, another certificate, expiring earlier) are removed, each through ShouldProcess, so -WhatIf lists them
        /// and sends nothing. Returns the errors of those that could not be removed.
        /// </summary>
        private List<ErrorRecord> RemoveSuperseded(GraphConnection connection, TenantCertificates tenant, X509Certificate2 replacement)
        {
            var errors = new List<ErrorRecord>();
            var action = "Remove the superseded Intune enterprise code-signing certificate (replaced by " + CertificateChecks.Describe(replacement) + ")";
            foreach (var old in tenant.SupersededBy(replacement))
            {
                var id = old.Id!;
                if (!_cmdlet.ShouldProcess(Describe(old), action))
                {
                    continue;
                }

                try
                {
                    _cmdlet.Graph(connection, (api, log, token) => api.DeleteAsync(id, log, token));
                    _cmdlet.WriteVerbose("Removed the superseded certificate " + Describe(old) + ".");
                }
                catch (GraphException ex) when (ex.StatusCode == 404)
                {
                    // Someone removed it already: what this step wanted.
                }
                catch (GraphException ex)
                {
                    _tenantAccountsForWrites = false;
                    errors.Add(GraphErrors.ToErrorRecord(ex, old));
                    continue;
                }

                tenant.Remove(id);
                KeepListing(connection, tenant);
            }

            return errors;
        }

        /// <summary>The tenant's certificates: the connection's recent listing, or one listed now; null when listing failed.</summary>
        private TenantCertificates? Tenant(GraphConnection connection, out GraphException? failure)
        {
            failure = null;
            _tenant ??= connection.RecentListing();
            if (_tenant is null)
            {
                try
                {
                    _tenant = new TenantCertificates(TenantListing.Fetch(_cmdlet, connection));
                    connection.Keep(_tenant, listedNow: true);
                }
                catch (GraphException ex)
                {
                    failure = ex;
                }
            }

            return _tenant;
        }

        private static string Describe(EnterpriseCodeSigningCertificate entry) =>
            string.Format(CultureInfo.InvariantCulture, "{0} (expires {1:u}) [{2}]", entry.Subject ?? entry.SubjectName ?? "(no subject)", entry.ExpirationDateTime, entry.Id);
    }
}
