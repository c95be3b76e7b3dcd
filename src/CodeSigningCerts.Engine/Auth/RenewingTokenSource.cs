using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>
    /// The shared part of every MSAL-backed source: keep the current token while it has a comfortable
    /// margin (no MSAL call per request), otherwise let MSAL renew it silently; one renewal at a time.
    /// </summary>
    internal abstract class RenewingTokenSource : ITokenSource
    {
        // MSAL itself renews a token in its last five minutes; below this margin we ask MSAL.
        private static readonly TimeSpan ReuseMargin = TimeSpan.FromMinutes(5);
        private readonly SemaphoreSlim _renewing = new SemaphoreSlim(1, 1);
        private readonly TimeProvider _time;

        // MSAL's answer, kept whole: read without the lock by every request, replaced whole, under it, by a renewal, so
        // no reader ever pairs one token with another's expiry. (Its ToString names the type, never the token.)
        private volatile AuthenticationResult? _current;

        protected RenewingTokenSource(GraphClock clock)
        {
            _time = clock.Time;
        }

        public bool CanRefresh => true;

        public DateTimeOffset? CurrentExpiry => _current?.ExpiresOn;

        public Task<string> GetTokenAsync(CancellationToken cancellationToken)
        {
            var current = _current;
            return IsFresh(current) ? Task.FromResult(current!.AccessToken) : RenewOnceAsync(null, cancellationToken);
        }

        public Task<string> RenewAsync(string refused, CancellationToken cancellationToken) =>
            RenewOnceAsync(refused ?? throw new ArgumentNullException(nameof(refused)), cancellationToken);

        /// <summary>
        /// One renewal at a time, for every user of the connection (runspaces that share it included): whoever waited
        /// while another renewed takes that token. With <paramref name="refused"/> (a 401), MSAL is asked for a new
        /// token only while the current one is still the refused one, so a wave of 401s for one token renews once.
        /// </summary>
        private async Task<string> RenewOnceAsync(string? refused, CancellationToken cancellationToken)
        {
            await _renewing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var current = _current;
                if (IsFresh(current) && (refused is null || current!.AccessToken != refused))
                {
                    return current!.AccessToken;
                }

                var renewed = await MsalErrors.Translate(() => AcquireAsync(refused is not null, cancellationToken)).ConfigureAwait(false);
                _current = renewed;
                return renewed.AccessToken;
            }
            finally
            {
                _renewing.Release();
            }
        }

        /// <summary>Seeds the cache with the token the sign-in produced.</summary>
        internal void Remember(AuthenticationResult signedIn) => _current = signedIn;

        /// <summary>Asks MSAL for a token: from its cache, renewed silently, or (force) new.</summary>
        protected abstract Task<AuthenticationResult> AcquireAsync(bool forceRefresh, CancellationToken cancellationToken);

        private bool IsFresh(AuthenticationResult? token) =>
            token is not null && token.ExpiresOn - _time.GetUtcNow() > ReuseMargin;
    }
}
