using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Certificates.Names;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// Whether an entry in Intune is a given certificate, or another one with its subject. Content
    /// decides when Graph returned it; Graph returns "content": null on every read of an uploaded entry
    /// (Graph's metadata: "Set to null once certificate has been uploaded"), and then subject and issuer, compared as names, and expiry together stand in for it.
    /// </summary>
    internal static class CertificateIdentity
    {
        /// <summary>Whether <paramref name="entry"/> is <paramref name="certificate"/>, whose bytes the caller read once (RawData copies them on every read).</summary>
        public static bool IsSame(X509Certificate2 certificate, byte[] rawData, EnterpriseCodeSigningCertificate entry)
        {
            if (entry.Content is { } content)
            {
                return content.SequenceEqual(rawData);
            }

            // The cheap expiry test first: a renewal differs there, and the names are then never parsed.
            return entry.ExpirationDateTime is { } expires
                && WholeSeconds(expires) == WholeSeconds(certificate)
                && HasSameSubject(certificate, entry)
                && DistinguishedName.AreSame(entry.Issuer, certificate.Issuer);
        }

        /// <summary>The subjects compared as names (RDN by RDN, attribute by attribute), however Graph spelled the entry's.</summary>
        public static bool HasSameSubject(X509Certificate2 certificate, EnterpriseCodeSigningCertificate entry) =>
            DistinguishedName.AreSame(entry.Subject, certificate.Subject);

        /// <summary>Another certificate with the same subject that expires earlier: the one a renewal replaces.</summary>
        public static bool IsSupersededBy(EnterpriseCodeSigningCertificate entry, X509Certificate2 certificate, byte[] rawData) =>
            ExpiryAgainst(entry, certificate, rawData) < 0;

        /// <summary>Another certificate with the same subject that expires later: the renewal of this one.</summary>
        public static bool Supersedes(EnterpriseCodeSigningCertificate entry, X509Certificate2 certificate, byte[] rawData) =>
            ExpiryAgainst(entry, certificate, rawData) > 0;

        /// <summary>
        /// When another certificate with the same subject expires against <paramref name="certificate"/> (negative: earlier),
        /// at the precision uploads keep; null for the certificate itself, another subject, or an entry without expiry.
        /// </summary>
        private static int? ExpiryAgainst(EnterpriseCodeSigningCertificate entry, X509Certificate2 certificate, byte[] rawData) =>
            HasSameSubject(certificate, entry) && !IsSame(certificate, rawData, entry) && entry.ExpirationDateTime is { } expires
                ? WholeSeconds(expires).CompareTo(WholeSeconds(certificate))
                : null;

        /// <summary>An entry's expiry at the precision uploads keep: the upload sends it in whole seconds (the engine's CertificateJson.FormatDate).</summary>
        private static long WholeSeconds(DateTimeOffset expires) => expires.ToUnixTimeSeconds();

        /// <summary>The certificate's expiry (NotAfter) at the precision uploads keep.</summary>
        private static long WholeSeconds(X509Certificate2 certificate) =>
            WholeSeconds(new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }

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
