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
    /// and each certificate comes back as what the cmdlet writes: the entry, and the problems to write as errors.
    /// </summary>
    internal sealed class CertificateUploader
    {
        /// <summary>The ShouldProcess action of an upload: the uploader's, and New-'s when it cannot look the tenant up.</summary>
        internal const string UploadAction = "Upload as an Intune enterprise code-signing certificate";

        private static readonly UploadProblem[] NoProblems = Array.Empty<UploadProblem>();

        private readonly CertificateApi _api;
        private readonly RequestLog? _log;
        private readonly IUploadConversation _user;
        private readonly bool _force;
        private readonly bool _removeSuperseded;
        private readonly CertificateStatus _status;
        private TenantCertificates? _tenant;

        /// <param name="api">The connection's certificates.</param>
        /// <param name="log">Where the engine narrates requests; null when nobody would see it.</param>
        /// <param name="user">What the uploader asks and says.</param>
        /// <param name="force">-Force: upload even what is there already (a second copy is what the user asked for).</param>
        /// <param name="removeSuperseded">-RemoveSuperseded: after each upload, remove the entries it replaces.</param>
        /// <param name="status">The status to create entries with.</param>
        public CertificateUploader(CertificateApi api, RequestLog? log, IUploadConversation user, bool force, bool removeSuperseded, CertificateStatus status)
        {
            (_api, _log, _user) = (api, log, user);
            (_force, _removeSuperseded, _status) = (force, removeSuperseded, status);
        }

        /// <summary>
        /// Uploads <paramref name="certificate"/> unless the tenant holds it already. Returns the entry the tenant holds for it
        /// now (created, or there already), or null when nothing was sent (-WhatIf, a "no", a renewal there, said as a
        /// warning) or the upload failed; and the problems to write as errors: why it failed, or each removal it could not make.
        /// </summary>
        public async Task<(EnterpriseCodeSigningCertificate? Entry, IReadOnlyList<UploadProblem> Problems)> UploadAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
        {
            TenantCertificates tenant;
            try
            {
                tenant = _tenant ??= new TenantCertificates(await TenantCertificates.ListAsync(_api, _log, cancellationToken).ConfigureAwait(false));
            }
            catch (GraphException ex)
            {
                // This certificate cannot be checked against the tenant; the next one tries the listing again.
                return (null, new[] { UploadProblem.FromGraph(ex, certificate) });
            }

            if (!_force)
            {
                var same = tenant.FindAllSame(certificate);
                if (same.Count > 0)
                {
                    return await AlreadyThereAsync(tenant, certificate, same, cancellationToken).ConfigureAwait(false);
                }

                if (_removeSuperseded && tenant.FindNewer(certificate) is { } newer)
                {
                    // The old certificate still in the store after a roll-over: what the user wants is there already, so
                    // a daily run says so without an error.
                    _user.Warning("The certificate " + CertificateChecks.Describe(certificate) + " is superseded by " + Describe(newer)
                        + ", which has its subject and expires later; it was not uploaded, which would make Intune deploy the older one.");
                    return (null, NoProblems);
                }
            }

            var consent = await _user.ShouldProcessAsync(CertificateChecks.Describe(certificate), UploadAction).ConfigureAwait(false);
            if (consent != Consent.Yes)
            {
                if (consent == Consent.WhatIf && _removeSuperseded)
                {
                    // Under -WhatIf every ShouldProcess answers no: this only shows what would be removed.
                    await RemoveSupersededAsync(tenant, certificate, cancellationToken).ConfigureAwait(false);
                }

                return (null, NoProblems);
            }

            var created = await CreateAsync(tenant, certificate, cancellationToken).ConfigureAwait(false);
            if (created.Entry is not { } entry)
            {
                return (null, new[] { created.Problem! });
            }

            return (entry, _removeSuperseded ? await RemoveSupersededAsync(tenant, certificate, cancellationToken).ConfigureAwait(false) : NoProblems);
        }

        /// <summary>
        /// Creates the certificate's entry and enters it in <paramref name="tenant"/>. A POST whose answer was lost (a
        /// timeout, a reset, a gateway's 502 or 504, a success with an unreadable body) may have been carried out, so it is
        /// not simply sent again: <see cref="LostUploadRecovery"/> looks for it first. Sent again, it carries the time stamp
        /// of the first, so that a copy made after all is known for one (<see cref="CertificateCopies"/>).
        /// </summary>
        private async Task<(EnterpriseCodeSigningCertificate? Entry, UploadProblem? Problem)> CreateAsync(TenantCertificates tenant, X509Certificate2 certificate, CancellationToken cancellationToken)
        {
            var uploadedAt = _api.Clock.UtcNow;
            for (var resends = 0; ; resends++)
            {
                GraphException lost;
                try
                {
                    var created = EnterpriseCodeSigningCertificate.FromRecord(await _api.CreateAsync(certificate, _status.GraphValue, uploadedAt, _log, cancellationToken).ConfigureAwait(false));
                    tenant.AddCreated(created);
                    return (created, null);
                }
                catch (GraphException ex) when (ex.OutcomeUnknown)
                {
                    lost = ex;
                }
                catch (GraphException ex)
                {
                    return (null, UploadProblem.FromGraph(ex, certificate));
                }

                var (found, relistFailed) = await new LostUploadRecovery(_api, _log, _user, tenant).FindAsync(certificate, lost, cancellationToken).ConfigureAwait(false);
                if (relistFailed is not null)
                {
                    return (null, relistFailed);
                }

                if (found is not null)
                {
                    _user.Verbose("Graph had created " + CertificateChecks.Describe(certificate) + " before its answer was lost: " + found + ".");
                    tenant.AddCreated(found);
                    return (found.WithCertificate(certificate), null);
                }

                // An upload whose answer was lost and that no listing shows is sent again up to the connection's retry limit.
                if (resends >= _api.MaxRetryCount)
                {
                    return (null, UploadProblem.FromGraph(lost, certificate));
                }

                _user.Verbose("Graph has not created " + CertificateChecks.Describe(certificate) + " (no entry for it in " + ListingLag.Allowance.TotalSeconds + " s of listings); sending it again.");
            }
        }

        /// <summary>
        /// The certificate is in the tenant already: not uploaded again, and said so as a warning (a re-run is not a
        /// failure). Copies a race left are removed here, where they are met; -RemoveSuperseded finishes a roll-over
        /// whose removals failed before.
        /// </summary>
        private async Task<(EnterpriseCodeSigningCertificate? Entry, IReadOnlyList<UploadProblem> Problems)> AlreadyThereAsync(TenantCertificates tenant, X509Certificate2 certificate, IReadOnlyList<EnterpriseCodeSigningCertificate> same, CancellationToken cancellationToken)
        {
            var copies = CertificateCopies.Sort(same);
            var problems = await RemoveCopiesAsync(tenant, certificate, copies, cancellationToken).ConfigureAwait(false);
            _user.Warning("The certificate " + CertificateChecks.Describe(certificate) + " is already uploaded as " + Describe(copies.Kept) + "; not uploaded again.");
            if (_removeSuperseded)
            {
                problems.AddRange(await RemoveSupersededAsync(tenant, certificate, cancellationToken).ConfigureAwait(false));
            }

            return (copies.Kept.WithCertificate(certificate), problems);
        }

        private async Task<List<UploadProblem>> RemoveCopiesAsync(TenantCertificates tenant, X509Certificate2 certificate, CertificateCopies copies, CancellationToken cancellationToken)
        {
            string Action() => "Remove the copy of " + CertificateChecks.Describe(certificate) + " uploaded at the same moment as " + Describe(copies.Kept) + ", which is kept";
            var removed = new List<EnterpriseCodeSigningCertificate>();
            var problems = await RemoveEachAsync(tenant, copies.FromRace, Action, removed.Add, cancellationToken).ConfigureAwait(false);
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
            string Action() => "Remove the superseded Intune enterprise code-signing certificate (replaced by " + CertificateChecks.Describe(replacement) + ")";
            return RemoveEachAsync(tenant, tenant.SupersededBy(replacement), Action, old => _user.Verbose("Removed the superseded certificate " + Describe(old) + "."), cancellationToken);
        }

        /// <summary>
        /// Removes each entry the user agrees to; one already gone counts as removed. The problems of those that could not
        /// be. The ShouldProcess action is worded only when there is an entry to ask about (a re-run usually has none).
        /// </summary>
        private async Task<List<UploadProblem>> RemoveEachAsync(TenantCertificates tenant, IReadOnlyList<EnterpriseCodeSigningCertificate> entries, Func<string> describeAction, Action<EnterpriseCodeSigningCertificate> removed, CancellationToken cancellationToken)
        {
            var problems = new List<UploadProblem>();
            var action = entries.Count == 0 ? string.Empty : describeAction();
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
                catch (GraphException ex) when (ex.StatusCode == 404)
                {
                    // Someone removed it already, which is what this step wanted.
                }
                catch (GraphException ex)
                {
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
