using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// The uploads of one New-EnterpriseCodeSigningCertificate command, after each certificate passed its checks: is it
    /// there already (then copies of it are healed), would it go back behind a renewal, create it (finding a create
    /// whose answer was lost), remove what it supersedes. The tenant is listed once, at the first certificate, and lives
    /// as long as the command. No PowerShell here: what must be asked or said goes through <see cref="IUploadConversation"/>,
    /// and each certificate comes back as an <see cref="UploadOutcome"/> for the cmdlet to write.
    /// </summary>
    internal sealed class CertificateUploader
    {
        private const string UploadAction = "Upload as an Intune enterprise code-signing certificate";

        private readonly CertificateApi _api;
        private readonly RequestLog? _log;
        private readonly IUploadConversation _user;
        private readonly UploadSettings _settings;
        private TenantCertificates? _tenant;

        public CertificateUploader(CertificateApi api, RequestLog? log, IUploadConversation user, UploadSettings settings)
        {
            _api = api;
            _log = log;
            _user = user;
            _settings = settings;
        }

        public async Task<UploadOutcome> UploadAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
        {
            TenantCertificates tenant;
            try
            {
                tenant = _tenant ??= new TenantCertificates(await TenantCertificates.ListAsync(_api, _log, cancellationToken).ConfigureAwait(false));
            }
            catch (GraphException ex)
            {
                // This certificate cannot be checked against the tenant; the next one tries the listing again.
                return UploadOutcome.Stopped(UploadProblem.FromGraph(ex, certificate));
            }

            if (!_settings.Force)
            {
                var same = tenant.FindAllSame(certificate);
                if (same.Count > 0)
                {
                    return await AlreadyThereAsync(tenant, certificate, same, cancellationToken).ConfigureAwait(false);
                }

                if (_settings.RemoveSuperseded && tenant.FindNewer(certificate) is { } newer)
                {
                    // The old certificate still in the store after a roll-over: what the user wants is there already, so
                    // a daily run says so without an error.
                    _user.Warning("The certificate " + CertificateChecks.Describe(certificate) + " is superseded by " + Describe(newer)
                        + ", which has its subject and expires later; it was not uploaded, which would make Intune deploy the older one.");
                    return UploadOutcome.NotSent;
                }
            }

            var consent = await _user.ShouldProcessAsync(CertificateChecks.Describe(certificate), UploadAction).ConfigureAwait(false);
            if (consent != Consent.Yes)
            {
                if (consent == Consent.WhatIf && _settings.RemoveSuperseded)
                {
                    // Under -WhatIf every ShouldProcess answers no: this only shows what would be removed.
                    await RemoveSupersededAsync(tenant, certificate, cancellationToken).ConfigureAwait(false);
                }

                return UploadOutcome.NotSent;
            }

            var created = await new LostUploadRecovery(_api, _log, _user, tenant, _settings.MaxResends)
                .CreateAsync(certificate, _settings.Status, cancellationToken).ConfigureAwait(false);
            if (created.Entry is not { } entry)
            {
                return UploadOutcome.Stopped(created.Problem!);
            }

            var removalProblems = _settings.RemoveSuperseded
                ? await RemoveSupersededAsync(tenant, certificate, cancellationToken).ConfigureAwait(false)
                : new List<UploadProblem>();
            return UploadOutcome.Uploaded(entry, removalProblems);
        }

        /// <summary>
        /// The certificate is in the tenant already: not uploaded again, and said so as a warning (a re-run is not a
        /// failure). Copies a race left are removed here, where they are met; -RemoveSuperseded finishes a roll-over
        /// whose removals failed before.
        /// </summary>
        private async Task<UploadOutcome> AlreadyThereAsync(TenantCertificates tenant, X509Certificate2 certificate, IReadOnlyList<EnterpriseCodeSigningCertificate> same, CancellationToken cancellationToken)
        {
            var copies = CertificateCopies.Sort(same);
            var problems = await RemoveCopiesAsync(tenant, certificate, copies, cancellationToken).ConfigureAwait(false);
            _user.Warning("The certificate " + CertificateChecks.Describe(certificate) + " is already uploaded as " + Describe(copies.Kept) + "; not uploaded again.");
            if (_settings.RemoveSuperseded)
            {
                problems.AddRange(await RemoveSupersededAsync(tenant, certificate, cancellationToken).ConfigureAwait(false));
            }

            return UploadOutcome.AlreadyThere(copies.Kept.WithCertificate(certificate), problems);
        }

        private async Task<List<UploadProblem>> RemoveCopiesAsync(TenantCertificates tenant, X509Certificate2 certificate, CertificateCopies copies, CancellationToken cancellationToken)
        {
            var action = "Remove the copy of " + CertificateChecks.Describe(certificate) + " uploaded at the same moment as " + Describe(copies.Kept) + ", which is kept";
            var removed = new List<EnterpriseCodeSigningCertificate>();
            var problems = await RemoveEachAsync(tenant, copies.FromRace, action, removed.Add, cancellationToken).ConfigureAwait(false);
            if (removed.Count > 0)
            {
                _user.Warning("The certificate " + CertificateChecks.Describe(certificate) + " was uploaded " + (removed.Count + 1).ToString(CultureInfo.InvariantCulture)
                    + " times within " + ListingLag.Allowance.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s (two runs at the same moment, or an upload sent again after its answer was lost): kept "
                    + Describe(copies.Kept) + ", uploaded first; removed " + string.Join(", ", removed.Select(Describe)) + ".");
            }

            if (copies.LookAlikes.Count > 0)
            {
                _user.Warning("Intune also holds " + string.Join(", ", copies.LookAlikes.Select(Describe)) + ", with the subject, issuer and expiry of " + CertificateChecks.Describe(certificate)
                    + " but uploaded at another time than " + Describe(copies.Kept) + " (a copy uploaded with -Force, or another certificate with the same names and expiry): left as it is."
                    + " Remove-EnterpriseCodeSigningCertificate -Id <id> removes one that is not wanted.");
            }

            return problems;
        }

        /// <summary>
        /// -RemoveSuperseded: the renewal roll-over. The entries <paramref name="replacement"/> replaces (same subject, another
        /// certificate, expiring earlier) are removed, each through ShouldProcess, so -WhatIf lists them and sends nothing.
        /// </summary>
        private Task<List<UploadProblem>> RemoveSupersededAsync(TenantCertificates tenant, X509Certificate2 replacement, CancellationToken cancellationToken)
        {
            var action = "Remove the superseded Intune enterprise code-signing certificate (replaced by " + CertificateChecks.Describe(replacement) + ")";
            return RemoveEachAsync(tenant, tenant.SupersededBy(replacement), action, old => _user.Verbose("Removed the superseded certificate " + Describe(old) + "."), cancellationToken);
        }

        /// <summary>Removes each entry the user agrees to; one already gone counts as removed. The problems of those that could not be.</summary>
        private async Task<List<UploadProblem>> RemoveEachAsync(TenantCertificates tenant, IReadOnlyList<EnterpriseCodeSigningCertificate> entries, string action, Action<EnterpriseCodeSigningCertificate> removed, CancellationToken cancellationToken)
        {
            var problems = new List<UploadProblem>();
            foreach (var entry in entries)
            {
                if (await _user.ShouldProcessAsync(Describe(entry), action).ConfigureAwait(false) != Consent.Yes)
                {
                    continue;
                }

                try
                {
                    await _api.DeleteAsync(entry.Id!, _log, cancellationToken).ConfigureAwait(false);
                }
                catch (GraphException ex) when (ex.StatusCode != 404)
                {
                    // A 404: someone removed it already, which is what this step wanted.
                    problems.Add(UploadProblem.FromGraph(ex, entry));
                    continue;
                }

                tenant.Remove(entry.Id!);
                removed(entry);
            }

            return problems;
        }

        internal static string Describe(EnterpriseCodeSigningCertificate entry) =>
            string.Format(CultureInfo.InvariantCulture, "'{0}' (expires {1:u}, uploaded {2:u}) [{3}]", entry.Subject ?? entry.SubjectName ?? "(no subject)", entry.ExpirationDateTime, entry.UploadDateTime, entry.Id);
    }

    /// <summary>How a command uploads: its switches, the status to create with, and how often a lost upload is sent again.</summary>
    internal sealed class UploadSettings
    {
        public UploadSettings(bool force, bool removeSuperseded, CertificateStatus status, int maxResends)
        {
            (Force, RemoveSuperseded, Status, MaxResends) = (force, removeSuperseded, status, maxResends);
        }

        /// <summary>-Force: upload even what is there already (a second copy is what the user asked for).</summary>
        public bool Force { get; }

        /// <summary>-RemoveSuperseded: after each upload, remove the entries it replaces.</summary>
        public bool RemoveSuperseded { get; }

        public CertificateStatus Status { get; }

        /// <summary>How often an upload whose answer was lost, and that no listing shows, is sent again: the connection's retry limit.</summary>
        public int MaxResends { get; }
    }

    /// <summary>The user's answer to "may I?" (ShouldProcess): yes, no, or -WhatIf, which answers no after saying what would happen.</summary>
    internal enum Consent
    {
        Yes,
        No,
        WhatIf,
    }

    /// <summary>
    /// What the uploader says to and asks of the user, and nothing else of PowerShell: the cmdlet carries these out on the
    /// pipeline thread, a unit test answers them itself. Calls may come from any thread.
    /// </summary>
    internal interface IUploadConversation
    {
        /// <summary>ShouldProcess(<paramref name="target"/>, <paramref name="action"/>), answered on the pipeline thread.</summary>
        Task<Consent> ShouldProcessAsync(string target, string action);

        /// <summary>A line of -Verbose.</summary>
        void Verbose(string message);

        /// <summary>A warning: shown interactively, never an error (a runbook's re-run stays green).</summary>
        void Warning(string message);
    }
}
