using System;

namespace CodeSigningCerts.Engine
{
    /// <summary>One enterprise code-signing certificate as Graph holds it, in BCL types (dates parsed, content decoded).</summary>
    public sealed class CertificateRecord
    {
        /// <summary>Creates the record.</summary>
        public CertificateRecord(
            string? id,
            string? status,
            string? subject,
            string? subjectName,
            string? issuer,
            string? issuerName,
            DateTimeOffset? expirationDateTime,
            DateTimeOffset? uploadDateTime,
            byte[]? content)
        {
            Id = id;
            Status = status;
            Subject = subject;
            SubjectName = subjectName;
            Issuer = issuer;
            IssuerName = issuerName;
            ExpirationDateTime = expirationDateTime;
            UploadDateTime = uploadDateTime;
            Content = content;
        }

        /// <summary>The id Graph assigned.</summary>
        public string? Id { get; }

        /// <summary>The status as Graph spells it: notProvisioned, provisioned, or a newer value.</summary>
        public string? Status { get; }

        /// <summary>The subject distinguished name.</summary>
        public string? Subject { get; }

        /// <summary>The subject's simple name.</summary>
        public string? SubjectName { get; }

        /// <summary>The issuer distinguished name.</summary>
        public string? Issuer { get; }

        /// <summary>The issuer's simple name.</summary>
        public string? IssuerName { get; }

        /// <summary>When the certificate expires, in UTC.</summary>
        public DateTimeOffset? ExpirationDateTime { get; }

        /// <summary>When it was uploaded, in UTC.</summary>
        public DateTimeOffset? UploadDateTime { get; }

        /// <summary>The DER bytes; null when Graph did not return them (it clears them once uploaded).</summary>
        public byte[]? Content { get; }
    }
}
