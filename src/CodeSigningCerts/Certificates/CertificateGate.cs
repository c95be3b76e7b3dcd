using System;
using System.Management.Automation;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Certificates
{
    /// <summary>Runs the checks before an upload and tells the user why a certificate stops here.</summary>
    internal static class CertificateGate
    {
        /// <summary>False (after writing the error) when a check fails and -Force was not given.</summary>
        public static bool MayUpload(GraphCmdlet cmdlet, X509Certificate2 certificate, bool force)
        {
            // A damaged certificate cannot be checked or described to Graph: -Force cannot help it.
            if (CertificateDecoding.FindDamage(certificate) is { } damage)
            {
                cmdlet.WriteInputError(ErrorIds.CertificateMalformed, ErrorCategory.InvalidData, "The certificate " + CertificateDecoding.SafeDescribe(certificate) + " is damaged: " + damage + ".", certificate);
                return false;
            }

            var now = DateTime.UtcNow;
            var problem = CertificateChecks.FindProblem(certificate, now);
            if (problem is not null)
            {
                if (!force)
                {
                    cmdlet.WriteInputError(problem.ErrorId, problem.Category, problem.Message, certificate, problem.RecommendedAction);
                    return false;
                }

                cmdlet.WriteWarning(problem.Message + " Uploading it because -Force was given.");
            }

            var notYetValid = CertificateChecks.NotYetValidWarning(certificate, now);
            if (notYetValid is not null)
            {
                cmdlet.WriteWarning(notYetValid);
            }

            return true;
        }
    }
}
