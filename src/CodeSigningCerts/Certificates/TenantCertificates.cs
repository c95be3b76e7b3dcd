using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// What the tenant holds, as one New-EnterpriseCodeSigningCertificate command knows it: listed once, when the first
    /// certificate needs it, then kept up to date with what the command creates and removes, so that hundreds of
    /// certificates cost one listing, not one each. Each question is answered by looking at every entry: a tenant holds
    /// a few hundred, and the rules of <see cref="CertificateIdentity"/> decide.
    /// </summary>
    internal sealed class TenantCertificates
    {
        private readonly List<EnterpriseCodeSigningCertificate> _entries = new List<EnterpriseCodeSigningCertificate>();

        // What this command created, and when: a listing made soon after may not show them yet (ListingLag), and must
        // not make the command forget them, or a second copy of one of its certificates would pass for new.
        private readonly Dictionary<string, KeyValuePair<EnterpriseCodeSigningCertificate, DateTime>> _created =
            new Dictionary<string, KeyValuePair<EnterpriseCodeSigningCertificate, DateTime>>(StringComparer.OrdinalIgnoreCase);

        public TenantCertificates(IEnumerable<EnterpriseCodeSigningCertificate> entries)
        {
            Replace(entries);
        }

        /// <summary>The ids known now: what a later listing holds beyond them appeared since.</summary>
        public HashSet<string> Ids() => new HashSet<string>(_entries.Where(e => e.Id is not null).Select(e => e.Id!), StringComparer.OrdinalIgnoreCase);

        /// <summary>An entry that is <paramref name="certificate"/>, leaving out the ids in <paramref name="except"/>.</summary>
        public EnterpriseCodeSigningCertificate? FindSame(X509Certificate2 certificate, ISet<string>? except = null) =>
            FindAllSame(certificate).FirstOrDefault(e => except is null || e.Id is null || !except.Contains(e.Id));

        /// <summary>The entries that are <paramref name="certificate"/> (by content, or by subject and issuer as names and expiry).</summary>
        public IReadOnlyList<EnterpriseCodeSigningCertificate> FindAllSame(X509Certificate2 certificate)
        {
            var rawData = certificate.RawData;
            return _entries.Where(e => CertificateIdentity.IsSame(certificate, rawData, e)).ToList();
        }

        /// <summary>The entries <paramref name="certificate"/> replaces: same subject, another certificate, expiring earlier.</summary>
        public IReadOnlyList<EnterpriseCodeSigningCertificate> SupersededBy(X509Certificate2 certificate)
        {
            var rawData = certificate.RawData;
            return _entries.Where(e => e.Id is not null && CertificateIdentity.IsSupersededBy(e, certificate, rawData)).ToList();
        }

        /// <summary>An entry that replaces <paramref name="certificate"/>: same subject, another certificate, expiring later.</summary>
        public EnterpriseCodeSigningCertificate? FindNewer(X509Certificate2 certificate)
        {
            var rawData = certificate.RawData;
            return _entries.Where(e => CertificateIdentity.Supersedes(e, certificate, rawData)).OrderByDescending(e => e.ExpirationDateTime).FirstOrDefault();
        }

        /// <summary>An entry this command created: known even to the listings that do not show it yet.</summary>
        public void AddCreated(EnterpriseCodeSigningCertificate entry)
        {
            if (entry.Id is { } id)
            {
                _created[id] = new KeyValuePair<EnterpriseCodeSigningCertificate, DateTime>(entry, DateTime.UtcNow);
            }

            Add(entry);
        }

        /// <summary>Adds <paramref name="entry"/>, in place of the entry with its id if there is one.</summary>
        public void Add(EnterpriseCodeSigningCertificate entry)
        {
            if (entry.Id is { } id)
            {
                RemoveEntry(id);
            }

            _entries.Add(entry);
        }

        /// <summary>Forgets the entry with <paramref name="id"/>.</summary>
        public void Remove(string id)
        {
            RemoveEntry(id);
            _created.Remove(id);
        }

        /// <summary>
        /// Replaces what is known with a fresh listing (after an answer was lost, after the uploads); what this command
        /// created within <see cref="ListingLag.Allowance"/> and the listing does not show yet is kept.
        /// </summary>
        public void Replace(IEnumerable<EnterpriseCodeSigningCertificate> entries)
        {
            _entries.Clear();
            foreach (var entry in entries)
            {
                Add(entry);
            }

            var now = DateTime.UtcNow;
            var listed = Ids();
            foreach (var created in _created.Values.ToList())
            {
                if (now - created.Value > ListingLag.Allowance)
                {
                    _created.Remove(created.Key.Id!);
                }
                else if (!listed.Contains(created.Key.Id!))
                {
                    _entries.Add(created.Key);
                }
            }
        }

        private void RemoveEntry(string id) =>
            _entries.RemoveAll(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));
    }
}
