using System.Collections.Generic;
using System.Management.Automation;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the enterprise code-signing certificates uploaded to Intune.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EnterpriseCodeSigningCertificate", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(EnterpriseCodeSigningCertificate))]
    public sealed class GetEnterpriseCodeSigningCertificateCommand : GraphCmdlet
    {
        private const string AllSet = "All";
        private const string IdSet = "Id";

        /// <summary>The ids of the certificates to get; without it, all of them.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = System.Array.Empty<string>();

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var connection = RequireConnection();
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                {
                    try
                    {
                        var response = Send(connection, new GraphRequest("GET", CertificateResource.ItemPath(id)));
                        if (response.Body is not null)
                        {
                            WriteObject(CertificateResource.ToResult(response.Body));
                        }
                    }
                    catch (GraphException ex)
                    {
                        WriteGraphError(ex, id);
                    }
                }

                return;
            }

            WriteAll(connection);
        }

        /// <summary>Every page, following @odata.nextLink until Graph sends none.</summary>
        private void WriteAll(Connection.GraphConnection connection)
        {
            string? next = CertificateResource.CollectionPath;
            try
            {
                while (next is not null)
                {
                    var page = Send(connection, new GraphRequest("GET", next)).Body;
                    if (page is null)
                    {
                        return;
                    }

                    if (page.TryGetValue("value", out var value) && value is IEnumerable<object?> items)
                    {
                        foreach (var item in items)
                        {
                            if (item is IReadOnlyDictionary<string, object?> entity)
                            {
                                WriteObject(CertificateResource.ToResult(entity));
                            }
                        }
                    }

                    next = page.TryGetValue("@odata.nextLink", out var link) ? link as string : null;
                }
            }
            catch (GraphException ex)
            {
                WriteGraphError(ex, next);
            }
        }
    }
}
