using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>Tokens for the Azure resource's managed identity (system- or user-assigned).</summary>
    internal sealed class ManagedIdentityTokenSource : RenewingTokenSource
    {
        private readonly IManagedIdentityApplication _app;
        private readonly string _resource;

        public ManagedIdentityTokenSource(IManagedIdentityApplication app, string resource, GraphClock clock)
            : base(clock)
        {
            _app = app;
            _resource = resource;
        }

        protected override Task<AuthenticationResult> AcquireAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            _app.AcquireTokenForManagedIdentity(_resource).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken);
    }
}
