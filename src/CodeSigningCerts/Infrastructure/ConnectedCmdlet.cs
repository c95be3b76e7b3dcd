using System;
using System.Management.Automation;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// The base of the cmdlets that act on a tenant (Get-, New-, Set-, Remove-, Test-): -Connection names the
    /// connection, else the runspace's current one is used. -Connection never changes which connection is current, so
    /// one script can mix tenants command by command, and hand a connection to other runspaces ($using:).
    /// </summary>
    public abstract class ConnectedCmdlet : GraphCmdlet
    {
        /// <summary>The connection to act through, as Connect- or Get-EnterpriseCodeSigningContext returned it; without it, this runspace's current connection.</summary>
        [Parameter]
        [ValidateNotNull]
        public ConnectionContext? Connection { get; set; }

        /// <summary>-Connection's connection when given, else this runspace's; null when neither (not connected).</summary>
        internal ConnectionContext? TargetConnection => Connection ?? CurrentConnection;

        /// <summary>
        /// The connection to act through; stops the command with a clear error when there is none (NotConnected) or it
        /// was closed (ConnectionClosed): no later input could succeed either.
        /// </summary>
        internal ConnectionContext RequireConnection()
        {
            var connection = TargetConnection;
            if (connection is null)
            {
                var exception = new InvalidOperationException("Not connected to Microsoft Graph in this runspace: run Connect-EnterpriseCodeSigning first, or give -Connection.");
                ThrowTerminatingError(ErrorTable.Create(ErrorIds.NotConnected, exception, null));
            }

            if (connection!.Certificates.IsClosed)
            {
                ThrowConnectionClosed(connection);
            }

            return connection;
        }
    }
}
