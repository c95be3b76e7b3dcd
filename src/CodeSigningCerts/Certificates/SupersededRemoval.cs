using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// New-EnterpriseCodeSigningCertificate -RemoveSuperseded: the renewal roll-over. Once a certificate is
    /// in Intune, the entries it replaces (same subject, another certificate, expiring earlier) are removed,
    /// each through ShouldProcess, so -WhatIf lists them and sends nothing.
    /// </summary>
    internal static class SupersededRemoval
    {
        public static void Run(GraphCmdlet cmdlet, GraphConnection connection, TenantCertificates tenant, X509Certificate2 replacement)
        {
            var action = "Remove the superseded Intune enterprise code-signing certificate (replaced by " + CertificateChecks.Describe(replacement) + ")";
            foreach (var old in tenant.SupersededBy(replacement))
            {
                var id = old.Id!;
                if (!cmdlet.ShouldProcess(Describe(old), action))
                {
                    continue;
                }

                try
                {
                    cmdlet.Send(connection, new GraphRequest("DELETE", CertificateResource.ItemPath(id)));
                    cmdlet.WriteVerbose("Removed the superseded certificate " + Describe(old) + ".");
                    tenant.Remove(id);
                }
                catch (GraphException ex) when (ex.StatusCode == 404)
                {
                    // Someone removed it already: what this step wanted.
                    tenant.Remove(id);
                }
                catch (GraphException ex)
                {
                    cmdlet.WriteGraphError(ex, old);
                }
            }
        }

        private static string Describe(EnterpriseCodeSigningCertificate entry) =>
            string.Format(CultureInfo.InvariantCulture, "{0} (expires {1:u}) [{2}]", entry.Subject ?? entry.SubjectName ?? "(no subject)", entry.ExpirationDateTime, entry.Id);
    }
}
