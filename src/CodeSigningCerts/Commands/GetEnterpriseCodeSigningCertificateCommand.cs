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
        [ArgumentCompleter(typeof(CertificateIdCompleter))]
        public string[] Id { get; set; } = System.Array.Empty<string>();

        /// <summary>Only certificates that have not expired yet but will within this time (e.g. 30.00:00:00).</summary>
        [Parameter(ParameterSetName = AllSet)]
        public System.TimeSpan? ExpiringWithin { get; set; }

        /// <summary>Only certificates that have already expired (with -ExpiringWithin: those as well).</summary>
        [Parameter(ParameterSetName = AllSet)]
        public SwitchParameter Expired { get; set; }

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

        /// <summary>Every certificate on every page that passes -ExpiringWithin/-Expired.</summary>
        private void WriteAll(Connection.GraphConnection connection)
        {
            var filter = new ExpiryFilter(System.DateTimeOffset.UtcNow, ExpiringWithin, Expired);
            var progress = new SlowProgress(this, 1, "Listing Intune enterprise code-signing certificates");
            try
            {
                var entities = ListAll(connection, CertificateResource.CollectionPath, listed => progress.Report(listed + " listed so far"));
                foreach (var entity in entities)
                {
                    var certificate = CertificateResource.ToResult(entity);
                    if (filter.Matches(certificate))
                    {
                        WriteObject(certificate);
                    }
                }
            }
            catch (GraphException ex)
            {
                WriteGraphError(ex, CertificateResource.CollectionPath);
            }
            finally
            {
                progress.Complete();
            }
        }
    }
}
