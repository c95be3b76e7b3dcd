using System;
using System.Collections.Generic;
using System.Linq;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// The entries of the tenant that are one certificate, sorted into the one to keep and the copies. With content null
    /// on reads, "the same certificate" is subject, issuer and expiry (<see cref="CertificateIdentity"/>): two different
    /// certificates made with one fixed expiry, or a copy a user uploaded on purpose with -Force, look the same. So only
    /// copies with the mark of a race are removed: uploaded within <see cref="ListingLag.Allowance"/> of the kept entry
    /// (two runs that each listed the tenant before the other's upload showed; an upload whose answer was lost, sent
    /// again with its first time stamp). Any other look-alike is left, and the user is told.
    /// </summary>
    internal sealed class CertificateCopies
    {
        private CertificateCopies(EnterpriseCodeSigningCertificate kept, IReadOnlyList<EnterpriseCodeSigningCertificate> fromRace, IReadOnlyList<EnterpriseCodeSigningCertificate> lookAlikes)
        {
            Kept = kept;
            FromRace = fromRace;
            LookAlikes = lookAlikes;
        }

        /// <summary>The entry uploaded first (then the lowest id): every run applies the same rule to the same listing, so all keep the same one.</summary>
        public EnterpriseCodeSigningCertificate Kept { get; }

        /// <summary>Copies uploaded within the allowance of <see cref="Kept"/>: to remove.</summary>
        public IReadOnlyList<EnterpriseCodeSigningCertificate> FromRace { get; }

        /// <summary>Entries that look the same but were uploaded at another time (or carry no upload time): to leave, and say so.</summary>
        public IReadOnlyList<EnterpriseCodeSigningCertificate> LookAlikes { get; }

        /// <summary>Sorts <paramref name="same"/> (at least one entry, all of them the same certificate).</summary>
        public static CertificateCopies Sort(IReadOnlyList<EnterpriseCodeSigningCertificate> same)
        {
            var ordered = same
                .OrderBy(e => e.UploadDateTime ?? DateTimeOffset.MaxValue)
                .ThenBy(e => e.Id, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var kept = ordered[0];
            var rest = ordered.Skip(1).ToList();
            return new CertificateCopies(kept, rest.Where(e => IsRaceCopy(kept, e)).ToList(), rest.Where(e => !IsRaceCopy(kept, e)).ToList());
        }

        private static bool IsRaceCopy(EnterpriseCodeSigningCertificate kept, EnterpriseCodeSigningCertificate copy) =>
            copy.Id is not null
            && kept.UploadDateTime is { } first
            && copy.UploadDateTime is { } later
            && later - first <= ListingLag.Allowance;
    }
}
