using System;
using System.Threading;
using System.Threading.Tasks;

namespace CodeSigningCerts.Engine
{
    /// <summary>A token the user brought (Connect-EnterpriseCodeSigning -AccessToken): it cannot be renewed.</summary>
    public sealed class StaticTokenSource : ITokenSource
    {
        // Completed once: a request per certificate asks for the token, and the answer never changes.
        private readonly Task<string> _token;

        /// <summary>Wraps a token obtained elsewhere, and when it expires (from its claims, where it has them).</summary>
        public StaticTokenSource(string token, DateTimeOffset? expiresOn)
        {
            _token = Task.FromResult(token ?? throw new ArgumentNullException(nameof(token)));
            CurrentExpiry = expiresOn;
        }

        /// <inheritdoc />
        public bool CanRefresh => false;

        /// <inheritdoc />
        public DateTimeOffset? CurrentExpiry { get; }

        /// <inheritdoc />
        public Task<string> GetTokenAsync(CancellationToken cancellationToken) => _token;

        /// <inheritdoc />
        public Task<string> RenewAsync(string refused, CancellationToken cancellationToken) => _token;
    }
}
