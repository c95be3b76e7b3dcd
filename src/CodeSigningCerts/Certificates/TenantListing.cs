using System;
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

        /// <summary>The certificates Graph's <c>$filter</c> <paramref name="filter"/> selects, every page.</summary>
        public static List<EnterpriseCodeSigningCertificate> Fetch(GraphCmdlet cmdlet, GraphConnection connection, string filter) =>
            cmdlet.ListAll(connection, CertificateResource.CollectionPath + "?$filter=" + Uri.EscapeDataString(filter)).Select(CertificateResource.ToResult).ToList();
    }
}
