using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// What the tenant holds, as one pipeline of New-EnterpriseCodeSigningCertificate knows it: listed once,
    /// when the first certificate needs it, then kept up to date with what this pipeline creates and
    /// removes, so that hundreds of certificates cost one listing, not one each.
    /// </summary>
    internal sealed class TenantCertificates
    {
        private readonly List<EnterpriseCodeSigningCertificate> _entries;

        public TenantCertificates(IEnumerable<EnterpriseCodeSigningCertificate> entries)
        {
            _entries = entries.ToList();
        }

        /// <summary>The ids known now: what a later listing holds beyond them appeared since.</summary>
        public HashSet<string> Ids() =>
            new HashSet<string>(_entries.Select(e => e.Id).OfType<string>(), StringComparer.OrdinalIgnoreCase);

        /// <summary>An entry that is <paramref name="certificate"/>, leaving out the ids in <paramref name="except"/>.</summary>
        public EnterpriseCodeSigningCertificate? FindSame(X509Certificate2 certificate, ISet<string>? except = null) =>
            _entries.FirstOrDefault(e => (except is null || e.Id is null || !except.Contains(e.Id)) && CertificateIdentity.IsSame(certificate, e));

        /// <summary>The entries <paramref name="certificate"/> replaces: same subject, another certificate, expiring earlier.</summary>
        public IReadOnlyList<EnterpriseCodeSigningCertificate> SupersededBy(X509Certificate2 certificate) =>
            _entries.Where(e => e.Id is not null && CertificateIdentity.IsSupersededBy(e, certificate)).ToList();

        /// <summary>An entry that replaces <paramref name="certificate"/>: same subject, another certificate, expiring later.</summary>
        public EnterpriseCodeSigningCertificate? FindNewer(X509Certificate2 certificate) =>
            _entries.Where(e => CertificateIdentity.Supersedes(e, certificate)).OrderByDescending(e => e.ExpirationDateTime).FirstOrDefault();

        public void Add(EnterpriseCodeSigningCertificate entry) => _entries.Add(entry);

        public void Remove(string id) => _entries.RemoveAll(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));

        /// <summary>Replaces what is known with a fresh listing (after an answer was lost).</summary>
        public void Replace(IEnumerable<EnterpriseCodeSigningCertificate> entries)
        {
            _entries.Clear();
            _entries.AddRange(entries);
        }
    }
}
