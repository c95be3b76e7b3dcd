using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using CodeSigningCerts.Certificates.Names;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// What the tenant holds, as one New-EnterpriseCodeSigningCertificate command knows it: listed once, when the first
    /// certificate needs it, then kept up to date with what the command creates and removes, so that hundreds of
    /// certificates cost one listing, not one each. It lives as long as the command.
    /// </summary>
    /// <remarks>
    /// Each question reads only the entries that can answer it, so that no command pays for a rare event. Is the
    /// certificate there already (every certificate asks)? Only an entry with its expiry (in the whole seconds uploads
    /// keep) can be it, or one whose content says so (Graph clears content on reads, so only what this command created
    /// carries it) or that has no expiry: entries are kept by expiry, those others apart, and
    /// <see cref="CertificateIdentity"/> decides among the few read, so a name is parsed only when an entry shares the expiry. What does it supersede, what supersedes it (asked only with -RemoveSuperseded)? The
    /// entries with its subject name (<see cref="DistinguishedName.MatchKey"/>): keeping N entries by subject parses N
    /// names, so that index is built when the question is first asked, and kept up to date from then on.
    /// </remarks>
    internal sealed class TenantCertificates
    {
        private readonly Dictionary<string, EnterpriseCodeSigningCertificate> _byId = new(StringComparer.OrdinalIgnoreCase);

        // Sameness: the entries by expiry in whole seconds; apart, those every lookup reads: an entry without an expiry,
        // and one with content, which decides whatever its expiry says (Graph clears content on reads: only what this
        // command created has it).
        private readonly Dictionary<long, List<EnterpriseCodeSigningCertificate>> _byExpiry = new();
        private readonly List<EnterpriseCodeSigningCertificate> _readByEveryLookup = new();

        // Supersession: the entries by subject name; null until that question is first asked.
        private Dictionary<string, List<EnterpriseCodeSigningCertificate>>? _bySubject;

        // What this command created: a listing made soon after (a lost answer's) may not show them yet (ListingLag), and
        // must not make the command forget them, or a second copy of one of its certificates would pass for new.
        private readonly Dictionary<string, EnterpriseCodeSigningCertificate> _created = new(StringComparer.OrdinalIgnoreCase);

        public TenantCertificates(IEnumerable<EnterpriseCodeSigningCertificate> entries)
        {
            Replace(entries);
        }

        /// <summary>Every entry of the tenant, every page, as the objects users get.</summary>
        public static async Task<List<EnterpriseCodeSigningCertificate>> ListAsync(CertificateApi api, RequestLog? log, CancellationToken cancellationToken)
        {
            var records = await api.ListAsync(null, null, null, log, cancellationToken).ConfigureAwait(false);
            return records.Select(record => EnterpriseCodeSigningCertificate.FromRecord(record)).ToList();
        }

        /// <summary>The ids known now: what a later listing holds beyond them appeared since.</summary>
        public HashSet<string> Ids() => new HashSet<string>(_byId.Keys, StringComparer.OrdinalIgnoreCase);

        /// <summary>An entry that is <paramref name="certificate"/>, leaving out the ids in <paramref name="except"/>.</summary>
        public EnterpriseCodeSigningCertificate? FindSame(X509Certificate2 certificate, ISet<string>? except = null) =>
            FindAllSame(certificate).FirstOrDefault(e => except is null || e.Id is null || !except.Contains(e.Id));

        /// <summary>The entries that are <paramref name="certificate"/> (by content, or by subject and issuer as names and expiry).</summary>
        public IReadOnlyList<EnterpriseCodeSigningCertificate> FindAllSame(X509Certificate2 certificate)
        {
            var rawData = certificate.RawData;
            var sameExpiry = _byExpiry.TryGetValue(ExpiryKey(new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero)), out var entries) ? entries : Enumerable.Empty<EnterpriseCodeSigningCertificate>();
            return sameExpiry.Concat(_readByEveryLookup).Where(e => CertificateIdentity.IsSame(certificate, rawData, e)).ToList();
        }

        /// <summary>The entries <paramref name="certificate"/> replaces: same subject, another certificate, expiring earlier.</summary>
        public IReadOnlyList<EnterpriseCodeSigningCertificate> SupersededBy(X509Certificate2 certificate)
        {
            var rawData = certificate.RawData;
            return WithSubjectOf(certificate).Where(e => e.Id is not null && CertificateIdentity.IsSupersededBy(e, certificate, rawData)).ToList();
        }

        /// <summary>An entry that replaces <paramref name="certificate"/>: same subject, another certificate, expiring later.</summary>
        public EnterpriseCodeSigningCertificate? FindNewer(X509Certificate2 certificate)
        {
            var rawData = certificate.RawData;
            return WithSubjectOf(certificate).Where(e => CertificateIdentity.Supersedes(e, certificate, rawData)).OrderByDescending(e => e.ExpirationDateTime).FirstOrDefault();
        }

        /// <summary>An entry this command created: known even to the listings that do not show it yet.</summary>
        public void AddCreated(EnterpriseCodeSigningCertificate entry)
        {
            if (entry.Id is { } id)
            {
                _created[id] = entry;
            }

            Add(entry);
        }

        /// <summary>Adds <paramref name="entry"/>, in place of the entry with its id if there is one.</summary>
        public void Add(EnterpriseCodeSigningCertificate entry)
        {
            if (entry.Id is { } id)
            {
                RemoveEntry(id);
                _byId[id] = entry;
            }

            foreach (var list in ListsOf(entry))
            {
                list.Add(entry);
            }
        }

        /// <summary>Forgets the entry with <paramref name="id"/>.</summary>
        public void Remove(string id)
        {
            RemoveEntry(id);
            _created.Remove(id);
        }

        /// <summary>Replaces what is known with a fresh listing (after an answer was lost); what this command created and the listing does not show yet is kept.</summary>
        public void Replace(IEnumerable<EnterpriseCodeSigningCertificate> entries)
        {
            _byId.Clear();
            _byExpiry.Clear();
            _readByEveryLookup.Clear();
            _bySubject = null;
            foreach (var entry in entries)
            {
                Add(entry);
            }

            foreach (var created in _created.Values)
            {
                if (!_byId.ContainsKey(created.Id!))
                {
                    Add(created);
                }
            }
        }

        private void RemoveEntry(string id)
        {
            if (_byId.TryGetValue(id, out var entry))
            {
                _byId.Remove(id);
                foreach (var list in ListsOf(entry))
                {
                    list.Remove(entry);
                }
            }
        }

        private IEnumerable<EnterpriseCodeSigningCertificate> WithSubjectOf(X509Certificate2 certificate)
        {
            if (_bySubject is null)
            {
                _bySubject = new Dictionary<string, List<EnterpriseCodeSigningCertificate>>(StringComparer.Ordinal);
                foreach (var entry in _byExpiry.Values.SelectMany(entries => entries).Concat(_readByEveryLookup))
                {
                    ListOf(_bySubject, SubjectKey(entry.Subject)).Add(entry);
                }
            }

            return _bySubject.TryGetValue(SubjectKey(certificate.Subject), out var sameSubject) ? sameSubject : Enumerable.Empty<EnterpriseCodeSigningCertificate>();
        }

        // The lists that hold an entry: its expiry's (or those without one), and its subject's once that index is built.
        private IEnumerable<List<EnterpriseCodeSigningCertificate>> ListsOf(EnterpriseCodeSigningCertificate entry)
        {
            yield return entry.Content is null && entry.ExpirationDateTime is { } expires ? ListOf(_byExpiry, ExpiryKey(expires)) : _readByEveryLookup;
            if (_bySubject is not null)
            {
                yield return ListOf(_bySubject, SubjectKey(entry.Subject));
            }
        }

        private static List<EnterpriseCodeSigningCertificate> ListOf<TKey>(Dictionary<TKey, List<EnterpriseCodeSigningCertificate>> index, TKey key)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out var entries))
            {
                index[key] = entries = new List<EnterpriseCodeSigningCertificate>();
            }

            return entries;
        }

        // Whole seconds, the precision uploads keep and CertificateIdentity compares expiries at: never finer than sameness.
        private static long ExpiryKey(DateTimeOffset expiry) => expiry.ToUnixTimeSeconds();

        // An entry without a subject has its own key: CertificateIdentity matches it to no certificate anyway.
        private static string SubjectKey(string? subject) => DistinguishedName.MatchKey(subject) ?? string.Empty;
    }
}
