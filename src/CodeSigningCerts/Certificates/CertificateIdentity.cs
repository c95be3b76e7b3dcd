using System;
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
                && WholeSeconds(expires) == WholeSeconds(NotAfter(certificate))
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
                ? WholeSeconds(expires).CompareTo(WholeSeconds(NotAfter(certificate)))
                : null;

        private static DateTimeOffset NotAfter(X509Certificate2 certificate) =>
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);

        // The upload sends expiry in whole seconds (the engine's CertificateJson.FormatDate): compare at that precision.
        private static long WholeSeconds(DateTimeOffset value) => value.ToUnixTimeSeconds();
    }
}
