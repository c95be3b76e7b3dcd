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

        // The token and its expiry, one reference: read without the lock by every request, replaced whole, under it,
        // by a renewal, so no reader ever pairs one token with another's expiry.
        private volatile Tuple<string, DateTimeOffset?>? _current;

        protected RenewingTokenSource(GraphClock clock)
        {
            _time = clock.Time;
        }

        public bool CanRefresh => true;

        public DateTimeOffset? CurrentExpiry => _current?.Item2;

        public Task<string> GetTokenAsync(CancellationToken cancellationToken)
        {
            var current = _current;
            return IsFresh(current) ? Task.FromResult(current!.Item1) : RenewOnceAsync(null, cancellationToken);
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
                if (IsFresh(current) && (refused is null || current!.Item1 != refused))
                {
                    return current!.Item1;
                }

                var renewed = await MsalErrors.Translate(() => AcquireAsync(refused is not null, cancellationToken)).ConfigureAwait(false);
                _current = renewed;
                return renewed.Item1;
            }
            finally
            {
                _renewing.Release();
            }
        }

        /// <summary>Seeds the cache with the token the sign-in produced.</summary>
        internal void Remember(AuthenticationResult signedIn) => _current = TokenOf(signedIn);

        /// <summary>Asks MSAL for a token and its expiry (<see cref="TokenOf"/>): from its cache, renewed silently, or (force) new.</summary>
        protected abstract Task<Tuple<string, DateTimeOffset?>> AcquireAsync(bool forceRefresh, CancellationToken cancellationToken);

        /// <summary>What this source keeps of MSAL's answer: the token and when it expires.</summary>
        protected static Tuple<string, DateTimeOffset?> TokenOf(AuthenticationResult result) =>
            Tuple.Create(result.AccessToken, (DateTimeOffset?)result.ExpiresOn);

        private bool IsFresh(Tuple<string, DateTimeOffset?>? token) =>
            token?.Item2 is { } expires && expires - _time.GetUtcNow() > ReuseMargin;
    }
}
