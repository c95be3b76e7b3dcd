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
