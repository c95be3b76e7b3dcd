using System.Collections.Generic;
using System.Linq;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Infrastructure;
using CodeSigningCerts.Model;

namespace CodeSigningCerts.Certificates
{
    /// <summary>The tenant's certificates (every page, or those a Graph $filter selects) as the objects users get.</summary>
    internal static class TenantListing
    {
        public static List<EnterpriseCodeSigningCertificate> Fetch(GraphCmdlet cmdlet, GraphConnection connection, string? filter = null) =>
            cmdlet.Graph(connection, (api, log, token) => api.ListAsync(filter, null, null, log, token)).Select(r => r.ToCertificate()).ToList();
    }
}
