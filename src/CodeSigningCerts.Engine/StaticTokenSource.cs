using System;
using System.Threading;
using System.Threading.Tasks;

namespace CodeSigningCerts.Engine
{
    /// <summary>A token the user brought (Connect-EnterpriseCodeSigning -AccessToken): it cannot be renewed.</summary>
    public sealed class StaticTokenSource : ITokenSource
    {
        private readonly AccessToken _token;

        // Completed once: a request per certificate asks for the token, and the answer never changes.
        private readonly Task<AccessToken> _completed;

        /// <summary>Wraps a token obtained elsewhere.</summary>
        public StaticTokenSource(AccessToken token)
        {
            _token = token ?? throw new ArgumentNullException(nameof(token));
            _completed = Task.FromResult(token);
        }

        /// <inheritdoc />
        public bool CanRefresh => false;

        /// <inheritdoc />
        public DateTimeOffset? CurrentExpiry => _token.ExpiresOn;

        /// <inheritdoc />
        public Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken) => _completed;

        /// <inheritdoc />
        public Task<AccessToken> RenewAsync(AccessToken refused, CancellationToken cancellationToken) => _completed;
    }
}
