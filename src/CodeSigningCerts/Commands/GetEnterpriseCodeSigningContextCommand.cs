using System.Management.Automation;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows this runspace's Graph connection: where, as whom, until when. Never a token.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EnterpriseCodeSigningContext")]
    [OutputType(typeof(ConnectionContext))]
    public sealed class GetEnterpriseCodeSigningContextCommand : GraphCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (CurrentConnection is { } connection)
            {
                WriteObject(connection);
            }
        }
    }
}
