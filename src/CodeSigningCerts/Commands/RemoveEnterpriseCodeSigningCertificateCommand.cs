using System.Management.Automation;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Commands
{
    /// <summary>
    /// <para type="synopsis">Removes an enterprise code-signing certificate from Intune.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "EnterpriseCodeSigningCertificate", DefaultParameterSetName = IdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveEnterpriseCodeSigningCertificateCommand : ExistingCertificateCmdlet
    {
        private BatchProgress? _progress;

        /// <inheritdoc />
        internal override BatchProgress Progress => _progress ??= new BatchProgress(this, "Removing Intune enterprise code-signing certificates", "Certificates handled");

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            Progress.Next();
            var id = ResolveId("remove", out var target);
            if (id is null)
            {
                return;
            }

            if (!ShouldProcess(InputObject?.ToString() ?? id, "Remove the Intune enterprise code-signing certificate"))
            {
                return;
            }

            var connection = RequireConnection();
            try
            {
                Send(connection, new GraphRequest("DELETE", CertificateResource.ItemPath(id)));
                connection.ForgetCertificates();
            }
            catch (GraphException ex)
            {
                WriteGraphError(ex, target);
            }
        }
    }
}
