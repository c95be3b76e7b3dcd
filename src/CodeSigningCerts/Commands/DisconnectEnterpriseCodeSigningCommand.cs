using System.Management.Automation;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Commands
{
    /// <summary>
    /// <para type="synopsis">Closes a Graph connection and forgets its tokens: this runspace's, or the one given.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "EnterpriseCodeSigning")]
    [OutputType(typeof(void))]
    public sealed class DisconnectEnterpriseCodeSigningCommand : GraphCmdlet
    {
        /// <summary>The connections to close, as Connect- or Get-EnterpriseCodeSigningContext returned them; without it, this runspace's current connection.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public ConnectionContext? Connection { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (Connection is null)
            {
                // The runspace's own connection is closed once, at the end (a Disconnect- with nothing piped to it).
                return;
            }

            // Closing is idempotent: a connection already closed is left as it is, as Disconnect- without a connection is.
            if (Connection.Certificates.IsClosed)
            {
                // Closed elsewhere (another runspace) while still this runspace's current one: it is current no longer.
                ForgetCurrent(Connection);
                WriteVerbose("The connection to " + Connection.GraphEndpoint + " is already closed.");
                return;
            }

            Close(Connection);
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Connection)) || MyInvocation.ExpectingInput)
            {
                return;
            }

            if (CurrentConnection is not { } current)
            {
                WriteVerbose("Not connected: nothing to disconnect.");
                return;
            }

            Close(current);
        }

        /// <summary>
        /// Closes <paramref name="connection"/> for every runspace that holds it (their next command stops with
        /// ConnectionClosed), and leaves this runspace without a current connection if it was this runspace's.
        /// </summary>
        private void Close(ConnectionContext connection)
        {
            connection.Certificates.Close();
            ForgetCurrent(connection);
            WriteVerbose("Disconnected from " + connection.GraphEndpoint + (connection.TenantId is null ? "." : " (tenant " + connection.TenantId + ")."));
        }
    }
}
