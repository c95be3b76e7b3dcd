using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Engine.Auth;
using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.Commands
{
    /// <summary>
    /// <para type="synopsis">Connects this PowerShell session (runspace) to Microsoft Graph for the other cmdlets.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "EnterpriseCodeSigning", DefaultParameterSetName = ConnectParameterSets.Interactive)]
    [OutputType(typeof(ConnectionContext))]
    public sealed class ConnectEnterpriseCodeSigningCommand : GraphCmdlet
    {
        /// <summary>Sign in on another device: the code and URL are shown as a warning through the host.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectParameterSets.DeviceCode)]
        public SwitchParameter UseDeviceCode { get; set; }

        /// <summary>The tenant (directory) id or a verified domain. Required for app-only sign-in.</summary>
        [Parameter(ParameterSetName = ConnectParameterSets.Interactive)]
        [Parameter(ParameterSetName = ConnectParameterSets.DeviceCode)]
        [Parameter(Mandatory = true, ParameterSetName = ConnectParameterSets.ClientSecret)]
        [Parameter(Mandatory = true, ParameterSetName = ConnectParameterSets.CertificateThumbprint)]
        [Parameter(Mandatory = true, ParameterSetName = ConnectParameterSets.Certificate)]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        /// <summary>The app (client) id; for -ManagedIdentity, a user-assigned identity's client id.</summary>
        [Parameter(ParameterSetName = ConnectParameterSets.Interactive)]
        [Parameter(ParameterSetName = ConnectParameterSets.DeviceCode)]
        [Parameter(Mandatory = true, ParameterSetName = ConnectParameterSets.ClientSecret)]
        [Parameter(Mandatory = true, ParameterSetName = ConnectParameterSets.CertificateThumbprint)]
        [Parameter(Mandatory = true, ParameterSetName = ConnectParameterSets.Certificate)]
        [Parameter(ParameterSetName = ConnectParameterSets.ManagedIdentity)]
        [Alias("ApplicationId")]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>Delegated permissions to ask for; DeviceManagementApps.ReadWrite.All when not given.</summary>
        [Parameter(ParameterSetName = ConnectParameterSets.Interactive)]
        [Parameter(ParameterSetName = ConnectParameterSets.DeviceCode)]
        [ValidateNotNullOrEmpty]
        public string[]? Scopes { get; set; }

        /// <summary>The app registration's client secret (app-only).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectParameterSets.ClientSecret)]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        /// <summary>The thumbprint of the app's certificate in CurrentUser\My, then LocalMachine\My (app-only).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectParameterSets.CertificateThumbprint)]
        [ValidateNotNullOrEmpty]
        public string? CertificateThumbprint { get; set; }

        /// <summary>The app's certificate with its private key (app-only).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectParameterSets.Certificate)]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>Sign in as the managed identity of the Azure resource this runs on (Automation, Functions, App Service, VM).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectParameterSets.ManagedIdentity)]
        public SwitchParameter ManagedIdentity { get; set; }

        /// <summary>A Graph access token obtained elsewhere (Get-AzAccessToken, a pipeline's service connection, ...).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectParameterSets.AccessToken)]
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

        /// <summary>Any other Entra authority host (with -GraphEndpoint): https only.</summary>
        [Parameter(ParameterSetName = ConnectParameterSets.Interactive)]
        [Parameter(ParameterSetName = ConnectParameterSets.DeviceCode)]
        [Parameter(ParameterSetName = ConnectParameterSets.ClientSecret)]
        [Parameter(ParameterSetName = ConnectParameterSets.CertificateThumbprint)]
        [Parameter(ParameterSetName = ConnectParameterSets.Certificate)]
        [ValidateNotNull]
        public Uri? AuthorityHost { get; set; }

        /// <summary>How often a throttled (429) or unavailable (503, 504) request is sent again, waiting as Graph asks (0 to 10, default 5).</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetryCount { get; set; } = GraphClientOptions.DefaultMaxRetryCount;

        /// <summary>How long one attempt of a request may take before it is abandoned (1 second to 1 hour, default 100 seconds).</summary>
        [Parameter]
        [ValidateTimeSpanRange(1, 3600)]
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(GraphClientOptions.DefaultTimeoutSeconds);

        /// <summary>
        /// Writes (uploads, updates, removals) sent per 20 seconds at most, default 100: Intune allows 100 per app
        /// and tenant. Lower it when other jobs write as the same app; 0 turns pacing off (an emulator, a test tenant).
        /// </summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public int WriteLimit { get; set; } = GraphClientOptions.DefaultWriteLimit;

        /// <summary>The proxy to reach Graph and Entra through, such as http://proxy.contoso.com:8080; the system's proxy when not given. Addresses on this computer (the emulator, a managed identity endpoint) never go through a proxy.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>The user name and password a proxy that asks for them (407) is given: -Proxy's, or the system's proxy's.</summary>
        [Parameter]
        [ValidateNotNull]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Signs in to the proxy as the account running the command (Windows integrated authentication), as Windows proxies usually ask.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>The engine's settings for <paramref name="graph"/>: retries, timeout and proxy as the user asked.</summary>
        private GraphClientOptions ClientOptions(Uri graph, ProxySettings proxy) =>
            new GraphClientOptions(graph, UserAgent) { MaxRetryCount = MaxRetryCount, Timeout = RequestTimeout, WriteLimit = WriteLimit, Proxy = proxy };

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var graph = GraphEndpoint ?? CloudEndpoints.GraphOf(Environment);
            if (!CloudEndpoints.IsAllowedGraphEndpoint(graph))
            {
                ThrowTerminatingError(ErrorTable.Create(
                    ErrorIds.GraphEndpointInsecure,
                    new ArgumentException("The Graph endpoint '" + graph + "' is not allowed: use https, or plain http only to a loopback address (127.0.0.1, localhost) such as the emulator. A token must never cross a network in clear text."),
                    graph));
            }

            var environment = GraphEndpoint is null ? Environment : GraphEnvironment.Custom;
            var proxy = ConnectProxy.Settings(Proxy, ProxyCredential, ProxyUseDefaultCredentials, this);
            var connection = ParameterSetName == ConnectParameterSets.AccessToken
                ? ConnectWithToken(graph, environment, proxy)
                : ConnectWithSignIn(graph, environment, proxy);
            CurrentConnection = connection;
            WriteVerbose("Connected to " + graph + " (" + connection.AuthenticationFlow + (connection.TenantId is null ? ")." : ", tenant " + connection.TenantId + ")."));
            WriteObject(connection);
        }

        private ConnectionContext ConnectWithToken(Uri graph, GraphEnvironment environment, ProxySettings proxy)
        {
            // A token read from a file or a variable often ends in a newline, which no token contains: it is dropped.
            // Anything but visible ASCII inside (a space, a line break, a character pasted from a document) cannot be sent
            // in a header: refused here, once, rather than as a failed request per certificate. The error never shows the token.
            var token = new NetworkCredential(string.Empty, AccessToken).Password.Trim();
            if (token.Length == 0 || token.Any(c => c <= ' ' || c > '~'))
            {
                ThrowTerminatingError(ErrorTable.Create(
                    ErrorIds.AccessTokenMalformed,
                    new ArgumentException(token.Length == 0
                        ? "The access token is empty."
                        : "The access token has spaces, line breaks or characters other than visible ASCII inside it (perhaps a 'Bearer ' prefix, or a character pasted from a document); an access token has none."),
                    null));
            }

            var claims = TokenClaims.TryRead(token);
            if (claims?.ExpiresOn is { } expires && expires <= DateTimeOffset.UtcNow)
            {
                WriteWarning("The access token expired at " + expires.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + "; Graph will refuse it. Get a new one and connect again.");
            }

            var options = ClientOptions(graph, proxy);
            var tokens = new StaticTokenSource(token, claims?.ExpiresOn);
            return new ConnectionContext(
                environment,
                options,
                GraphEndpoint is null ? CloudEndpoints.AuthorityOf(Environment) : null,
                ConnectParameterSets.AccessToken,
                claims?.TenantId,
                claims?.ClientId,
                claims?.Account,
                claims?.Scopes ?? Array.Empty<string>(),
                tokens);
        }

        // Kept apart from ConnectWithToken so the -AccessToken path never loads MSAL.
        private ConnectionContext ConnectWithSignIn(Uri graph, GraphEnvironment environment, ProxySettings proxy)
        {
            var given = new SignInParameters
            {
                ParameterSet = ParameterSetName,
                Environment = Environment,
                AuthorityHost = AuthorityHost,
                TenantId = TenantId,
                ClientId = ClientId,
                Scopes = Scopes,
                ClientSecret = ClientSecret,
                CertificateThumbprint = CertificateThumbprint,
                Certificate = Certificate,
            };
            var request = SignInConnector.Request(given, graph, proxy, message => Post(() => WriteWarning(message)), this);
            SignInResult result;
            try
            {
                result = Await(token => SignIn.ConnectAsync(request, token));
            }
            catch (SignInException ex)
            {
                ThrowTerminatingError(SignInErrors.ToErrorRecord(ex, request));
                throw;
            }

            return SignInConnector.Connection(request, result, ClientOptions(graph, proxy), environment);
        }
    }
}
