using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// What one upload came to, for the cmdlet to write: the entry created, or the error that refused it (its id,
    /// category, message and advice) or that it failed with; and the errors of removing what it superseded.
    /// Neither, for an upload that -WhatIf or the user's "no" held back.
    /// </summary>
    internal sealed class UploadOutcome
    {
        private UploadOutcome(EnterpriseCodeSigningCertificate? created, ErrorRecord? error, IReadOnlyList<ErrorRecord>? removalErrors)
        {
            Created = created;
            Error = error;
            RemovalErrors = removalErrors ?? Array.Empty<ErrorRecord>();
        }

        /// <summary>Held back by -WhatIf or a "no" to ShouldProcess: nothing to write.</summary>
        public static UploadOutcome NotSent { get; } = new UploadOutcome(null, null, null);

        /// <summary>The entry Graph holds for the certificate now.</summary>
        public EnterpriseCodeSigningCertificate? Created { get; }

        /// <summary>Why the certificate was refused (a check, a copy already there) or how its upload failed.</summary>
        public ErrorRecord? Error { get; }

        /// <summary>With -RemoveSuperseded: each entry the upload superseded that could not be removed.</summary>
        public IReadOnlyList<ErrorRecord> RemovalErrors { get; }

        public static UploadOutcome Uploaded(EnterpriseCodeSigningCertificate created, IReadOnlyList<ErrorRecord> removalErrors) =>
            new UploadOutcome(created, null, removalErrors);

        public static UploadOutcome Refused(ErrorRecord error) => new UploadOutcome(null, error, null);

        public static UploadOutcome Failed(ErrorRecord error) => new UploadOutcome(null, error, null);
    }
}
