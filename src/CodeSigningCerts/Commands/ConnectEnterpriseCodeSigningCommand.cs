using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Commands
{
    /// <summary>
    /// <para type="synopsis">Connects this PowerShell session (runspace) to Microsoft Graph for the other cmdlets.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "EnterpriseCodeSigning", DefaultParameterSetName = AccessTokenSet)]
    [OutputType(typeof(ConnectionContext))]
    public sealed class ConnectEnterpriseCodeSigningCommand : GraphCmdlet
    {
        private const string AccessTokenSet = "AccessToken";

        /// <summary>A Graph access token obtained elsewhere (Get-AzAccessToken, a pipeline's service connection, ...).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString? AccessToken { get; set; }

        /// <summary>The cloud: Global (default), USGov, USGovDoD or China.</summary>
        [Parameter]
        [ValidateSet("Global", "USGov", "USGovDoD", "China")]
        public GraphEnvironment Environment { get; set; } = GraphEnvironment.Global;

        /// <summary>Any other Graph root: https, or http to this machine only (the emulator).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? GraphEndpoint { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var graph = GraphEndpoint ?? CloudEndpoints.GraphOf(Environment);
            if (!CloudEndpoints.IsAllowedGraphEndpoint(graph))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("The Graph endpoint '" + graph + "' is not allowed: use https, or plain http only to a loopback address (127.0.0.1, localhost) such as the emulator. A token must never cross a network in clear text."),
                    ErrorIds.GraphEndpointInsecure,
                    ErrorCategory.SecurityError,
                    graph));
            }

            var token = new NetworkCredential(string.Empty, AccessToken).Password;
            var claims = TokenClaims.TryRead(token);
            var context = new ConnectionContext(
                GraphEndpoint is null ? Environment : GraphEnvironment.Custom,
                graph,
                GraphEndpoint is null ? CloudEndpoints.AuthorityOf(Environment) : null,
                "AccessToken",
                claims?.TenantId,
                claims?.ClientId,
                claims?.Account,
                claims?.Scopes ?? Array.Empty<string>(),
                claims?.ExpiresOn);
            if (claims?.ExpiresOn is { } expires && expires <= DateTimeOffset.UtcNow)
            {
                WriteWarning("The access token expired at " + expires.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + "; Graph will refuse it. Get a new one and connect again.");
            }

            var client = new GraphClient(new GraphClientOptions(graph, UserAgent), new StaticTokenSource(new AccessToken(token, claims?.ExpiresOn)));
            ConnectionRegistry.Set(CurrentRunspace, new GraphConnection(client, context));
            WriteVerbose("Connected to " + graph + " with an access token" + (claims?.TenantId is null ? "." : " for tenant " + claims.TenantId + "."));
            WriteObject(context);
        }
    }
}
