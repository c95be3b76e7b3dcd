using System;
using System.Threading;
using System.Threading.Tasks;

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
        private AccessToken? _current;

        protected RenewingTokenSource(GraphClock clock)
        {
            _time = clock.Time;
        }

        public bool CanRefresh => true;

        public DateTimeOffset? CurrentExpiry => _current?.ExpiresOn;

        public async Task<AccessToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            var current = _current;
            if (!forceRefresh && IsFresh(current))
            {
                return current!;
            }

            await _renewing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!forceRefresh && IsFresh(_current))
                {
                    return _current!;
                }

                _current = await MsalErrors.Translate(() => AcquireAsync(forceRefresh, cancellationToken)).ConfigureAwait(false);
                return _current;
            }
            finally
            {
                _renewing.Release();
            }
        }

        /// <summary>Seeds the cache with the token the sign-in produced.</summary>
        internal void Remember(AccessToken token) => _current = token;

        /// <summary>Asks MSAL for a token: from its cache, renewed silently, or (force) new.</summary>
        protected abstract Task<AccessToken> AcquireAsync(bool forceRefresh, CancellationToken cancellationToken);

        private bool IsFresh(AccessToken? token) =>
            token?.ExpiresOn is { } expires && expires - _time.GetUtcNow() > ReuseMargin;
    }
}
