using System;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Certificates
{
    /// <summary>The checks before a certificate is sent (New-, Set-): the error that stops it, or null; warnings go to <c>warn</c>.</summary>
    internal static class CertificateGate
    {
        /// <summary>The refusal of <paramref name="certificate"/>, or null when it may be sent (perhaps with warnings).</summary>
        public static ErrorRecord? Check(X509Certificate2 certificate, bool force, Action<string> warn)
        {
            // A damaged certificate cannot be checked or described to Graph: -Force cannot help it.
            if (CertificateDecoding.FindDamage(certificate) is { } damage)
            {
                return ErrorTable.Create(ErrorIds.CertificateMalformed, "The certificate " + CertificateDecoding.SafeDescribe(certificate) + " is damaged: " + damage + ".", certificate);
            }

            var now = DateTime.UtcNow;
            if (CertificateChecks.FindProblem(certificate, now) is { } problem)
            {
                if (!force)
                {
                    return ErrorTable.Create(problem.ErrorId, problem.Message, certificate);
                }

                warn(problem.Message + " Uploading it because -Force was given.");
            }

            if (CertificateChecks.NotYetValidWarning(certificate, now) is { } notYetValid)
            {
                warn(notYetValid);
            }

            return null;
        }
    }
}
