using System;

namespace CodeSigningCerts
{
    /// <summary>
    /// A connection, as Connect- returns it: where it goes and as whom, shown to the user, and the client its commands
    /// send through. None of its properties shows a token or secret. The only thing carried from one command to the next: nothing about
    /// the tenant is, so each command sees the tenant as it is when it runs.
    /// </summary>
    /// <remarks>
    /// A value the user holds (given as -Connection), so it may be used from any runspace and from several at once: its
    /// client, token source (one renewal at a time) and write pacing (one per connection, as Intune's limit is per app and
    /// tenant) are thread-safe. Disconnect- closes it for all of them (<see cref="Engine.CertificateApi.Close"/>).
    /// </remarks>
    public sealed class ConnectionContext
    {
        /// <summary>
        /// Opens the connection's client with <paramref name="client"/> and <paramref name="tokens"/>, and describes it:
        /// its endpoint, retries, timeout and write limit are read from the same options, so the context always says
        /// what the client does.
        /// </summary>
        internal ConnectionContext(
            GraphEnvironment environment,
            Engine.GraphClientOptions client,
            Uri? authorityHost,
            string authenticationFlow,
            string? tenantId,
            string? clientId,
            string? account,
            string[] scopes,
            Engine.ITokenSource tokens)
        {
            GraphEndpoint = client.GraphEndpoint;
            MaxRetryCount = client.MaxRetryCount;
            RequestTimeout = client.Timeout;
            WriteLimit = client.WriteLimit;
            Environment = environment;
            AuthorityHost = authorityHost;
            AuthenticationFlow = authenticationFlow;
            TenantId = tenantId;
            ClientId = clientId;
            Account = account;
            Scopes = scopes;
            _tokens = tokens;
            ConnectedAt = client.Clock.UtcNow;
            Certificates = new Engine.CertificateApi(client, tokens);
        }

        /// <summary>The cloud, or Custom for -GraphEndpoint.</summary>
        public GraphEnvironment Environment { get; }

        /// <summary>The Graph root requests go to.</summary>
        public Uri GraphEndpoint { get; }

        /// <summary>The Entra authority host tokens come from, where the module signs in itself.</summary>
        public Uri? AuthorityHost { get; }

        /// <summary>How the connection signs in: AccessToken, Interactive, DeviceCode, ClientSecret, ClientCertificate, ManagedIdentity.</summary>
        public string AuthenticationFlow { get; }

        /// <summary>The tenant (directory) id, where known.</summary>
        public string? TenantId { get; }

        /// <summary>The application (client) id, where known.</summary>
        public string? ClientId { get; }

        /// <summary>The signed-in user, or the app for app-only sign-in, where known.</summary>
        public string? Account { get; }

        /// <summary>The delegated scopes or application roles the token carries, where known.</summary>
        public string[] Scopes { get; }

        // Asked each time: it follows silent renewals.
        private readonly Engine.ITokenSource _tokens;

        /// <summary>When the current token expires, where known; follows silent renewals.</summary>
        public DateTimeOffset? TokenExpiresOn => _tokens.CurrentExpiry;

        /// <summary>How often a throttled (429) or unavailable (503, 504) request is sent again (Connect -MaxRetryCount).</summary>
        public int MaxRetryCount { get; }

        /// <summary>How long one attempt of a request may take (Connect -RequestTimeout).</summary>
        public TimeSpan RequestTimeout { get; }

        /// <summary>Writes sent per 20 seconds at most; 0 when not paced (Connect -WriteLimit).</summary>
        public int WriteLimit { get; }

        /// <summary>When the connection was made.</summary>
        public DateTimeOffset ConnectedAt { get; }

        /// <summary>The tenant's certificates through this connection's client: what every command of it calls.</summary>
        internal Engine.CertificateApi Certificates { get; }
    }
}
