using System;
using System.Threading;
using System.Threading.Tasks;

namespace CodeSigningCerts.Engine
{
    // The contract every connection's tokens come through, and its simplest source (a token the user brought).

    /// <summary>
    /// Where a connection gets its bearer tokens: a fixed token, or a sign-in flow that can renew. A token is the
    /// header's text and nothing else: never logged, never written to a stream, taken out of every error's text.
    /// </summary>
    public interface ITokenSource
    {
        /// <summary>A token good for the next request; after Graph said 401, <see cref="RenewAsync"/> gives another.</summary>
        Task<string> GetTokenAsync(CancellationToken cancellationToken);

        /// <summary>
        /// A token other than <paramref name="refused"/>, after Graph refused it (401). Requests of several runspaces
        /// refused the same token at once share one renewal: a source renews only while its current token is the
        /// refused one. A source that cannot renew answers the same token.
        /// </summary>
        Task<string> RenewAsync(string refused, CancellationToken cancellationToken);

        /// <summary>When the token in use now expires, where known.</summary>
        DateTimeOffset? CurrentExpiry { get; }

        /// <summary>False for a token that cannot be renewed: a 401 then is final.</summary>
        bool CanRefresh { get; }
    }

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
