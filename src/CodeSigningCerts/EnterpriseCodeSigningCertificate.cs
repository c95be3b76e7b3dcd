using System;
using System.Globalization;
using System.Security.Cryptography;

// The object users get for an entry, and its status: the values New-, Get- and Set- write.
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

    /// <summary>
    /// The status of a code-signing certificate in Intune. Graph defines notProvisioned and provisioned;
    /// any other value Graph sends is a value from the future and is kept as it came, not refused.
    /// Users set it by name (-Status Provisioned), compare it with strings ($c.Status -eq 'Provisioned').
    /// </summary>
    public readonly struct CertificateStatus : IEquatable<CertificateStatus>
    {
        private const string NotProvisionedValue = "notProvisioned";
        private const string ProvisionedValue = "provisioned";
        private readonly string? _graphValue;

        private CertificateStatus(string graphValue)
        {
            _graphValue = graphValue;
        }

        /// <summary>Graph's default: not yet provisioned to devices.</summary>
        public static CertificateStatus NotProvisioned { get; } = new CertificateStatus(NotProvisionedValue);

        /// <summary>Provisioned to devices.</summary>
        public static CertificateStatus Provisioned { get; } = new CertificateStatus(ProvisionedValue);

        /// <summary>The names a user can give, for completion and messages.</summary>
        public static string[] KnownNames { get; } = { "NotProvisioned", "Provisioned" };

        /// <summary>The value as Graph spells it (notProvisioned, provisioned, or whatever Graph sent).</summary>
        public string GraphValue => _graphValue ?? NotProvisionedValue;

        /// <summary>False for a value this module version does not know.</summary>
        public bool IsKnown => GraphValue == NotProvisionedValue || GraphValue == ProvisionedValue;

        /// <summary>
        /// Parses a name a user typed (NotProvisioned or Provisioned, any case). PowerShell calls this when
        /// it converts a string to a status, so an unknown name is refused with the names that work.
        /// </summary>
        public static CertificateStatus Parse(string value)
        {
            if (string.Equals(value, NotProvisionedValue, StringComparison.OrdinalIgnoreCase))
            {
                return NotProvisioned;
            }

            if (string.Equals(value, ProvisionedValue, StringComparison.OrdinalIgnoreCase))
            {
                return Provisioned;
            }

            throw new FormatException(string.Format(CultureInfo.InvariantCulture, "'{0}' is not a certificate status. Use one of: {1}.", value, string.Join(", ", KnownNames)));
        }

        /// <summary>Reads the value Graph sent, keeping an unknown one.</summary>
        public static CertificateStatus FromGraph(string? graphValue)
        {
            if (string.IsNullOrEmpty(graphValue))
            {
                return NotProvisioned;
            }

            return string.Equals(graphValue, NotProvisionedValue, StringComparison.OrdinalIgnoreCase) ? NotProvisioned
                : string.Equals(graphValue, ProvisionedValue, StringComparison.OrdinalIgnoreCase) ? Provisioned
                : new CertificateStatus(graphValue!);
        }

        /// <summary>NotProvisioned, Provisioned, or Graph's own spelling of a value from the future.</summary>
        public override string ToString() => GraphValue switch
        {
            NotProvisionedValue => "NotProvisioned",
            ProvisionedValue => "Provisioned",
            _ => GraphValue,
        };

        /// <inheritdoc />
        public bool Equals(CertificateStatus other) => string.Equals(GraphValue, other.GraphValue, StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj switch
        {
            CertificateStatus status => Equals(status),
            string text => string.Equals(ToString(), text, StringComparison.OrdinalIgnoreCase) || string.Equals(GraphValue, text, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

        /// <inheritdoc />
        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(GraphValue);

        /// <summary>Equality.</summary>
        public static bool operator ==(CertificateStatus left, CertificateStatus right) => left.Equals(right);

        /// <summary>Inequality.</summary>
        public static bool operator !=(CertificateStatus left, CertificateStatus right) => !left.Equals(right);
    }
}
