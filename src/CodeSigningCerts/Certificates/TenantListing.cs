using System.Collections.Generic;
using System.Linq;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Certificates
{
    /// <summary>Every certificate the tenant holds, every page, as typed entries.</summary>
    internal static class TenantListing
    {
        public static List<EnterpriseCodeSigningCertificate> Fetch(GraphCmdlet cmdlet, GraphConnection connection) =>
            cmdlet.ListAll(connection, CertificateResource.CollectionPath).Select(CertificateResource.ToResult).ToList();
    }
}
