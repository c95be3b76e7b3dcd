using System;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// What the tenant already holds stops an upload (unless -Force): the same certificate, so that a
    /// re-run uploads nothing twice; and with -RemoveSuperseded a newer one with its subject, so that the
    /// old certificate still in the store does not come back after a roll-over.
    /// </summary>
    internal static class UploadRefusal
    {
        /// <summary>True, after writing the error, when <paramref name="certificate"/> must not be uploaded.</summary>
        public static bool Refuses(GraphCmdlet cmdlet, TenantCertificates tenant, X509Certificate2 certificate, bool removeSuperseded)
        {
            if (tenant.FindSame(certificate) is { } existing)
            {
                Write(
                    cmdlet,
                    ErrorIds.CertificateAlreadyUploaded,
                    "The certificate " + CertificateChecks.Describe(certificate) + " is already uploaded as " + existing + "; it was not uploaded again.",
                    certificate,
                    "Nothing to do: the certificate is in Intune. Use -Force to upload a second copy anyway.");
                return true;
            }

            if (removeSuperseded && tenant.FindNewer(certificate) is { } newer)
            {
                Write(
                    cmdlet,
                    ErrorIds.CertificateSuperseded,
                    "The certificate " + CertificateChecks.Describe(certificate) + " is superseded by " + newer + ", which has its subject and expires later; uploading it would make Intune deploy the older one.",
                    certificate,
                    "Nothing to do: its renewal is in Intune. Remove the old certificate from the certificate store, or use -Force to upload it anyway.");
                return true;
            }

            return false;
        }

        private static void Write(GraphCmdlet cmdlet, string errorId, string message, X509Certificate2 certificate, string recommendedAction) =>
            cmdlet.WriteError(ActionableError.Create(new InvalidOperationException(message), errorId, ErrorCategory.ResourceExists, certificate, recommendedAction));
    }
}
