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
        /// <inheritdoc />
        internal override string ProgressActivity => "Removing Intune enterprise code-signing certificates";

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            Narration.Next();
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
                Graph(connection, (api, log, token) => api.DeleteAsync(id, log, token));
            }
            catch (GraphException ex)
            {
                WriteGraphError(ex, target);
            }
        }
    }
}
