using System;
using System.Threading;
using System.Threading.Tasks;

namespace CodeSigningCerts.Engine
{
    /// <summary>A token the user brought (Connect-EnterpriseCodeSigning -AccessToken): it cannot be renewed.</summary>
    public sealed class StaticTokenSource : ITokenSource
    {
        private readonly AccessToken _token;

        /// <summary>Wraps a token obtained elsewhere.</summary>
        public StaticTokenSource(AccessToken token)
        {
            _token = token ?? throw new ArgumentNullException(nameof(token));
        }

        /// <inheritdoc />
        public bool CanRefresh => false;

        /// <inheritdoc />
        public DateTimeOffset? CurrentExpiry => _token.ExpiresOn;

        /// <inheritdoc />
        public Task<AccessToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            Task.FromResult(_token);
    }
}
