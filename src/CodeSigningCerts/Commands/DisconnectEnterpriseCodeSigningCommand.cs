using System.Management.Automation;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Commands
{
    /// <summary>
    /// <para type="synopsis">Forgets this runspace's Graph connection and its tokens.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "EnterpriseCodeSigning")]
    [OutputType(typeof(void))]
    public sealed class DisconnectEnterpriseCodeSigningCommand : GraphCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (ConnectionRegistry.Get(CurrentRunspace) is null)
            {
                WriteVerbose("Not connected: nothing to disconnect.");
                return;
            }

            ConnectionRegistry.Set(CurrentRunspace, null);
            WriteVerbose("Disconnected from Microsoft Graph.");
        }
    }
}
