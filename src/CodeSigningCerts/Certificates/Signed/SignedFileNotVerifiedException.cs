using System;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// A signed file whose signature does not verify or that changed after signing (<see cref="ErrorIds.SignedFileNotVerified"/>).
    /// It carries the signer, so that -Force can upload it anyway, as it overrides the other checks.
    /// </summary>
    internal sealed class SignedFileNotVerifiedException : Exception
    {
        public SignedFileNotVerifiedException(string message, X509Certificate2 signer)
            : base(message)
        {
            Signer = signer;
        }

        public X509Certificate2 Signer { get; }

        /// <summary>The error to write, with the file as its target.</summary>
        public ErrorRecord ToErrorRecord(object target) => ErrorTable.Create(ErrorIds.SignedFileNotVerified, Message, target);
    }
}
