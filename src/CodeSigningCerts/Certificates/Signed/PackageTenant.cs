using System.Collections.Generic;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>The one place Test-EnterpriseCodeSigningPackage gets the tenant's certificates from.</summary>
    internal static class PackageTenant
    {
        /// <summary>Every certificate the tenant holds, every page.</summary>
        /// <exception cref="Engine.GraphException">Graph could not list them.</exception>
        public static IReadOnlyList<EnterpriseCodeSigningCertificate> List(GraphCmdlet cmdlet, GraphConnection connection) =>
            TenantListing.Fetch(cmdlet, connection);
    }
}
