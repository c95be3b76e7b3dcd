using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Certificates.Names;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// What the tenant holds, as one pipeline of New-EnterpriseCodeSigningCertificate knows it: listed once,
    /// when the first certificate needs it, then kept up to date with what this pipeline creates and
    /// removes, so that hundreds of certificates cost one listing, not one each. Entries are indexed by
    /// subject, as a name (<see cref="DistinguishedName.Key"/>: however Graph spelled it), so a check looks only at
    /// the entries that share the certificate's subject (every identity rule but "same content" needs the same
    /// subject), not at the whole tenant.
    /// </summary>
    internal sealed class TenantCertificates
    {
        // Every entry with an id, by id: what Ids() copies and Remove() finds an entry's place in the indexes by.
        private readonly Dictionary<string, EnterpriseCodeSigningCertificate> _byId =
            new Dictionary<string, EnterpriseCodeSigningCertificate>(StringComparer.OrdinalIgnoreCase);

        // By the subject's name key: keys are already normalised, so compared ordinally.
        private readonly Dictionary<string, List<EnterpriseCodeSigningCertificate>> _bySubject =
            new Dictionary<string, List<EnterpriseCodeSigningCertificate>>(StringComparer.Ordinal);

        // By content too: an entry uploaded elsewhere (the admin center) may spell its subject differently.
        private readonly Dictionary<string, List<EnterpriseCodeSigningCertificate>> _byThumbprint =
            new Dictionary<string, List<EnterpriseCodeSigningCertificate>>(StringComparer.OrdinalIgnoreCase);

        // What this pipeline created, and when: a listing made soon after may not show them yet (ListingLag), and must
        // not make this pipeline forget them, or a second copy of one of its certificates would pass for new.
        private readonly Dictionary<string, KeyValuePair<EnterpriseCodeSigningCertificate, DateTime>> _created =
            new Dictionary<string, KeyValuePair<EnterpriseCodeSigningCertificate, DateTime>>(StringComparer.OrdinalIgnoreCase);

        public TenantCertificates(IEnumerable<EnterpriseCodeSigningCertificate> entries)
        {
            Replace(entries);
        }

        /// <summary>The ids known now: what a later listing holds beyond them appeared since.</summary>
        public HashSet<string> Ids() => new HashSet<string>(_byId.Keys, StringComparer.OrdinalIgnoreCase);

        /// <summary>An entry that is <paramref name="certificate"/>, leaving out the ids in <paramref name="except"/>.</summary>
        public EnterpriseCodeSigningCertificate? FindSame(X509Certificate2 certificate, ISet<string>? except = null)
        {
            // Plain loops, as this runs before every upload: a LINQ chain here allocated on each. The certificate's
            // bytes (RawData copies them on every read) are read once, and only when there is an entry to compare.
            byte[]? rawData = null;
            return (_byThumbprint.TryGetValue(certificate.Thumbprint, out var sameContent) ? FirstSame(sameContent) : null)
                ?? FirstSame(SameSubject(certificate));

            EnterpriseCodeSigningCertificate? FirstSame(IReadOnlyList<EnterpriseCodeSigningCertificate> entries)
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    var entry = entries[i];
                    if ((except is null || entry.Id is null || !except.Contains(entry.Id)) && CertificateIdentity.IsSame(certificate, rawData ??= certificate.RawData, entry))
                    {
                        return entry;
                    }
                }

                return null;
            }
        }

        /// <summary>The entries <paramref name="certificate"/> replaces: same subject, another certificate, expiring earlier.</summary>
        public IReadOnlyList<EnterpriseCodeSigningCertificate> SupersededBy(X509Certificate2 certificate)
        {
            byte[]? rawData = null;
            return SameSubject(certificate).Where(e => e.Id is not null && CertificateIdentity.IsSupersededBy(e, certificate, rawData ??= certificate.RawData)).ToList();
        }

        /// <summary>An entry that replaces <paramref name="certificate"/>: same subject, another certificate, expiring later.</summary>
        public EnterpriseCodeSigningCertificate? FindNewer(X509Certificate2 certificate)
        {
            byte[]? rawData = null;
            return SameSubject(certificate).Where(e => CertificateIdentity.Supersedes(e, certificate, rawData ??= certificate.RawData)).OrderByDescending(e => e.ExpirationDateTime).FirstOrDefault();
        }

        /// <summary>An entry this pipeline created: known even to the listings that do not show it yet.</summary>
        public void AddCreated(EnterpriseCodeSigningCertificate entry)
        {
            if (entry.Id is { } id)
            {
                _created[id] = new KeyValuePair<EnterpriseCodeSigningCertificate, DateTime>(entry, DateTime.UtcNow);
            }

            Add(entry);
        }

        public void Add(EnterpriseCodeSigningCertificate entry)
        {
            if (entry.Id is { } id)
            {
                _byId[id] = entry;
            }

            Index(_bySubject, DistinguishedName.KeyOf(entry.Subject), entry);
            if (entry.Thumbprint is { } thumbprint)
            {
                Index(_byThumbprint, thumbprint, entry);
            }
        }

        /// <summary>Forgets the entry with <paramref name="id"/>: only the lists it is in are touched, not the whole tenant.</summary>
        public void Remove(string id)
        {
            if (!_byId.TryGetValue(id, out var entry))
            {
                return;
            }

            _byId.Remove(id);
            _created.Remove(id);
            Unindex(_bySubject, DistinguishedName.KeyOf(entry.Subject), id);
            if (entry.Thumbprint is { } thumbprint)
            {
                Unindex(_byThumbprint, thumbprint, id);
            }
        }

        /// <summary>
        /// Replaces what is known with a fresh listing (after an answer was lost, after the uploads); what this pipeline
        /// created within <see cref="ListingLag.Allowance"/> and the listing does not show yet is kept.
        /// </summary>
        public void Replace(IEnumerable<EnterpriseCodeSigningCertificate> entries)
        {
            _byId.Clear();
            _bySubject.Clear();
            _byThumbprint.Clear();
            foreach (var entry in entries)
            {
                Add(entry);
            }

            var now = DateTime.UtcNow;
            foreach (var created in _created.Values.ToList())
            {
                if (now - created.Value > ListingLag.Allowance)
                {
                    _created.Remove(created.Key.Id!);
                }
                else if (!_byId.ContainsKey(created.Key.Id!))
                {
                    Add(created.Key);
                }
            }
        }

        /// <summary>The entries that are <paramref name="certificate"/> (by content, or by subject and issuer as names and expiry).</summary>
        public IReadOnlyList<EnterpriseCodeSigningCertificate> AllSame(X509Certificate2 certificate)
        {
            var rawData = certificate.RawData;
            var same = new List<EnterpriseCodeSigningCertificate>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var candidates = SameSubject(certificate).AsEnumerable();
            if (_byThumbprint.TryGetValue(certificate.Thumbprint, out var sameContent))
            {
                candidates = sameContent.Concat(candidates);
            }

            foreach (var entry in candidates)
            {
                if (entry.Id is { } id && seen.Add(id) && CertificateIdentity.IsSame(certificate, rawData, entry))
                {
                    same.Add(entry);
                }
            }

            return same;
        }

        private static void Index(Dictionary<string, List<EnterpriseCodeSigningCertificate>> index, string key, EnterpriseCodeSigningCertificate entry)
        {
            if (!index.TryGetValue(key, out var entries))
            {
                entries = new List<EnterpriseCodeSigningCertificate>();
                index[key] = entries;
            }

            entries.Add(entry);
        }

        private static void Unindex(Dictionary<string, List<EnterpriseCodeSigningCertificate>> index, string key, string id)
        {
            if (index.TryGetValue(key, out var entries))
            {
                entries.RemoveAll(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));
            }
        }

        /// <summary>The entries whose subject is the certificate's as a name, written in either RDN order (see <see cref="DistinguishedName"/>).</summary>
        private IReadOnlyList<EnterpriseCodeSigningCertificate> SameSubject(X509Certificate2 certificate)
        {
            var subject = certificate.Subject;
            var name = DistinguishedName.TryParse(subject);
            if (name is null)
            {
                return _bySubject.TryGetValue(DistinguishedName.KeyOf(subject), out var loose) ? loose : Array.Empty<EnterpriseCodeSigningCertificate>();
            }

            _bySubject.TryGetValue(name.Key, out var forward);
            if (string.Equals(name.Key, name.ReversedKey, StringComparison.Ordinal) || !_bySubject.TryGetValue(name.ReversedKey, out var backward) || backward.Count == 0)
            {
                return forward ?? (IReadOnlyList<EnterpriseCodeSigningCertificate>)Array.Empty<EnterpriseCodeSigningCertificate>();
            }

            return forward is null || forward.Count == 0 ? backward : forward.Concat(backward).ToList();
        }
    }
}
