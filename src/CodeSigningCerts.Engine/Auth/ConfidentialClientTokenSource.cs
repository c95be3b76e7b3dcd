using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>App-only tokens (client secret or certificate), cached per connection in MSAL's in-memory app cache.</summary>
    internal sealed class ConfidentialClientTokenSource : RenewingTokenSource
    {
        private readonly IConfidentialClientApplication _app;
        private readonly string[] _scopes;

        public ConfidentialClientTokenSource(IConfidentialClientApplication app, string[] scopes, GraphClock clock)
            : base(clock)
        {
            _app = app;
            _scopes = scopes;
        }

        protected override Task<AuthenticationResult> AcquireAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            _app.AcquireTokenForClient(_scopes).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken);
    }
}
