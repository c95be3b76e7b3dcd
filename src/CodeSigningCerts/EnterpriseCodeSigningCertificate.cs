using System;
using System.Security.Cryptography;

namespace CodeSigningCerts
{
    /// <summary>An Intune Windows enterprise code-signing certificate, as Graph holds it.</summary>
    public sealed class EnterpriseCodeSigningCertificate
    {
        private const string HexDigits = "0123456789ABCDEF";
        private string? _thumbprint;

        /// <summary>Creates the object; <paramref name="content"/> may be null (Graph may clear it).</summary>
        public EnterpriseCodeSigningCertificate(
            string? id,
            CertificateStatus status,
            string? subject,
            string? subjectName,
            string? issuer,
            string? issuerName,
            DateTimeOffset? expirationDateTime,
            DateTimeOffset? uploadDateTime,
            byte[]? content)
        {
            (Id, Status, Subject, SubjectName, Issuer, IssuerName) = (id, status, subject, subjectName, issuer, issuerName);
            (ExpirationDateTime, UploadDateTime, Content) = (expirationDateTime, uploadDateTime, content);
        }

        /// <summary>The id Graph assigned.</summary>
        public string? Id { get; }

        /// <summary>NotProvisioned, Provisioned, or a newer value Graph sent.</summary>
        public CertificateStatus Status { get; }

        /// <summary>The subject distinguished name.</summary>
        public string? Subject { get; }

        /// <summary>The subject's simple name (its CN).</summary>
        public string? SubjectName { get; }

        /// <summary>The issuer distinguished name.</summary>
        public string? Issuer { get; }

        /// <summary>The issuer's simple name.</summary>
        public string? IssuerName { get; }

        /// <summary>When the certificate expires.</summary>
        public DateTimeOffset? ExpirationDateTime { get; }

        /// <summary>When it was uploaded.</summary>
        public DateTimeOffset? UploadDateTime { get; }

        /// <summary>The DER bytes of the public certificate; null when Graph did not return them.</summary>
        public byte[]? Content { get; }

        /// <summary>The SHA-1 thumbprint of <see cref="Content"/> (as the certificate store shows it); null without content.</summary>
        /// <remarks>Computed when first read: a listing of many certificates needs few of them.</remarks>
        public string? Thumbprint => _thumbprint ??= Content is null ? null : Sha1Hex(Content);

        /// <summary>
        /// Whole days until <see cref="ExpirationDateTime"/>, negative once expired; null without an expiry date.
        /// Computed each time it is read, so an object kept for days stays right.
        /// </summary>
        /// <remarks>
        /// A C# property rather than a ScriptProperty in a types.ps1xml: a types file with a script in it makes every
        /// Import-Module parse that script and set up PowerShell's type accelerators, and the import is what every
        /// session and runbook pays.
        /// </remarks>
        public int? DaysLeft => ExpirationDateTime is { } expires ? (int)Math.Floor((expires - DateTimeOffset.UtcNow).TotalDays) : null;

        /// <summary>The subject name and id, for messages.</summary>
        public override string ToString() => (SubjectName ?? Subject ?? "(no subject)") + " [" + (Id ?? "no id") + "]";

        /// <summary>The engine's record of an entry as the object users get.</summary>
        internal static EnterpriseCodeSigningCertificate FromRecord(Engine.CertificateRecord record) =>
            new EnterpriseCodeSigningCertificate(
                record.Id,
                CertificateStatus.FromGraph(record.Status),
                record.Subject,
                record.SubjectName,
                record.Issuer,
                record.IssuerName,
                record.ExpirationDateTime,
                record.UploadDateTime,
                record.Content);

        /// <summary>
        /// This entry with the content of <paramref name="certificate"/>, known to be the certificate it holds (Graph
        /// answers a read with "content": null): what New- shows for an upload it found in a listing.
        /// </summary>
        internal EnterpriseCodeSigningCertificate WithCertificate(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
            Content is not null
                ? this
                : new EnterpriseCodeSigningCertificate(Id, Status, Subject, SubjectName, Issuer, IssuerName, ExpirationDateTime, UploadDateTime, certificate.RawData);

        private static string Sha1Hex(byte[] data)
        {
            using var sha1 = SHA1.Create();
            var hash = sha1.ComputeHash(data);
            var hex = new char[hash.Length * 2];
            for (var i = 0; i < hash.Length; i++)
            {
                hex[2 * i] = HexDigits[hash[i] >> 4];
                hex[(2 * i) + 1] = HexDigits[hash[i] & 0xF];
            }

            return new string(hex);
        }
    }
}
