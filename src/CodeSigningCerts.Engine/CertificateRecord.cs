using System;
using System.Collections.Generic;
using CodeSigningCerts.Engine.Json;

namespace CodeSigningCerts.Engine
{
    /// <summary>
    /// One enterprise code-signing certificate as Graph holds it, in BCL types: each property is read from the entity's
    /// JSON (<see cref="CertificateJson"/>), dates as UTC, content decoded; what this version does not know is ignored.
    /// </summary>
    public sealed class CertificateRecord
    {
        private readonly IReadOnlyDictionary<string, object?> _json;

        internal CertificateRecord(IReadOnlyDictionary<string, object?> json)
        {
            _json = json;
        }

        /// <summary>The id Graph assigned.</summary>
        public string? Id => CertificateJson.Text(_json, "id");

        /// <summary>The status as Graph spells it: notProvisioned, provisioned, or a newer value.</summary>
        public string? Status => CertificateJson.Text(_json, "status");

        /// <summary>The subject distinguished name.</summary>
        public string? Subject => CertificateJson.Text(_json, "subject");

        /// <summary>The subject's simple name.</summary>
        public string? SubjectName => CertificateJson.Text(_json, "subjectName");

        /// <summary>The issuer distinguished name.</summary>
        public string? Issuer => CertificateJson.Text(_json, "issuer");

        /// <summary>The issuer's simple name.</summary>
        public string? IssuerName => CertificateJson.Text(_json, "issuerName");

        /// <summary>When the certificate expires, in UTC.</summary>
        public DateTimeOffset? ExpirationDateTime => CertificateJson.Date(_json, "expirationDateTime");

        /// <summary>When it was uploaded, in UTC.</summary>
        public DateTimeOffset? UploadDateTime => CertificateJson.Date(_json, "uploadDateTime");

        /// <summary>The DER bytes; null when Graph did not return them (it clears them once uploaded). Decoded at each read.</summary>
        public byte[]? Content => CertificateJson.Bytes(_json, "content");
    }
}
