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
    public sealed class RemoveEnterpriseCodeSigningCertificateCommand : GraphCmdlet
    {
        private const string IdSet = "Id";
        private const string InputObjectSet = "InputObject";

        /// <summary>The id of the certificate to remove.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CertificateIdCompleter))]
        public string Id { get; set; } = string.Empty;

        /// <summary>The certificate to remove, as Get-EnterpriseCodeSigningCertificate returned it.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [ValidateNotNull]
        public EnterpriseCodeSigningCertificate? InputObject { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var id = ParameterSetName == InputObjectSet ? InputObject!.Id : Id;
            object target = (object?)InputObject ?? id ?? string.Empty;
            if (string.IsNullOrEmpty(id))
            {
                WriteInputError(ErrorIds.CertificateIdMissing, ErrorCategory.InvalidArgument, "The input object has no Id: there is nothing to remove.", target);
                return;
            }

            var description = InputObject is null ? id! : InputObject.ToString();
            if (!ShouldProcess(description, "Remove the Intune enterprise code-signing certificate"))
            {
                return;
            }

            var connection = RequireConnection();
            try
            {
                Send(connection, new GraphRequest("DELETE", CertificateResource.ItemPath(id!)));
            }
            catch (GraphException ex)
            {
                WriteGraphError(ex, target);
            }
        }
    }
}
