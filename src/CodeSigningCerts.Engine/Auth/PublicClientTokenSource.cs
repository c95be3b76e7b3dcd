using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>A person's tokens, renewed silently from the refresh token MSAL keeps for this connection.</summary>
    internal sealed class PublicClientTokenSource : RenewingTokenSource
    {
        private readonly IPublicClientApplication _app;
        private readonly IAccount _account;
        private readonly string[] _scopes;

        public PublicClientTokenSource(IPublicClientApplication app, IAccount account, string[] scopes, GraphClock clock)
            : base(clock)
        {
            _app = app;
            _account = account;
            _scopes = scopes;
        }

        protected override Task<AuthenticationResult> AcquireAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            _app.AcquireTokenSilent(_scopes, _account).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken);
    }
}
