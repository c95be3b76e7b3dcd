using System;
using System.Management.Automation;
using CodeSigningCerts.Certificates;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the enterprise code-signing certificates uploaded to Intune.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EnterpriseCodeSigningCertificate", DefaultParameterSetName = AllSet)]
    [OutputType(typeof(EnterpriseCodeSigningCertificate))]
    public sealed class GetEnterpriseCodeSigningCertificateCommand : ConnectedCmdlet
    {
        private const string AllSet = "All";
        private const string IdSet = "Id";

        /// <summary>The ids of the certificates to get; without it, all of them.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CertificateIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Only certificates that have not expired yet but will within this time (e.g. 30.00:00:00).</summary>
        [Parameter(ParameterSetName = AllSet)]
        public TimeSpan? ExpiringWithin { get; set; }

        /// <summary>Only certificates that have already expired (with -ExpiringWithin: those as well).</summary>
        [Parameter(ParameterSetName = AllSet)]
        public SwitchParameter Expired { get; set; }

        /// <inheritdoc />
        internal override string? ProgressActivity => ParameterSetName == AllSet ? "Listing Intune enterprise code-signing certificates" : null;

        /// <inheritdoc />
        internal override int ProgressActivityId => 1;

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
                        if (Graph(connection, (api, log, token) => api.GetAsync(id, log, token)) is { } record)
                        {
                            WriteObject(EnterpriseCodeSigningCertificate.FromRecord(record));
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

        /// <summary>Every certificate on every page that passes -ExpiringWithin/-Expired, written as each page arrives.</summary>
        private void WriteAll(ConnectionContext connection)
        {
            var filter = new ExpiryFilter(DateTimeOffset.UtcNow, ExpiringWithin, Expired);
            var listed = 0;
            try
            {
                Narration.Report("0 listed so far");
                Graph(connection, (api, log, token) => api.ListAsync(null, null, page => Post(() => WritePage(page)), log, token));
            }
            catch (GraphException ex)
            {
                WriteGraphError(ex, CertificateApi.CollectionName);
            }
            finally
            {
                Narration.Complete();
            }

            void WritePage(System.Collections.Generic.IReadOnlyList<CertificateRecord> page)
            {
                foreach (var record in page)
                {
                    var certificate = EnterpriseCodeSigningCertificate.FromRecord(record);
                    if (filter.Matches(certificate))
                    {
                        WriteObject(certificate);
                    }
                }

                listed += page.Count;
                Narration.Report(listed + " listed so far");
            }
        }
    }
}
