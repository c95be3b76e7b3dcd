using Microsoft.Identity.Client;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Engine.Auth;
using Microsoft.Extensions.Time.Testing;

namespace CodeSigningCerts.UnitTests.Connections;

/// <summary>
/// A connection shared by several runspaces: when Graph refuses its token (401) to many requests at once, the token
/// is renewed once for all of them, and a later refusal of the renewed token renews again.
/// </summary>
public sealed class SharedRenewalTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Requests_refused_the_same_token_at_once_share_one_renewal()
    {
        var source = new CountingTokenSource(_time);
        var refused = await source.GetTokenAsync(CancellationToken.None);

        // Each caller signals once RenewAsync has given it its task: it is then inside, renewing or waiting for the
        // renewal under way, and none can be done before Release.
        using var inside = new CountdownEvent(10);
        var renewals = Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
        {
            var renewal = source.RenewAsync(refused, CancellationToken.None);
            inside.Signal();
            return renewal;
        })).ToList();
        await source.FirstAcquisitionStarted.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(10)), "not every caller reached RenewAsync");
        Assert.All(renewals, renewal => Assert.False(renewal.IsCompleted, "a renewal ended before the sign-in answered"));
        source.Release();
        var renewed = await Task.WhenAll(renewals).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, source.Acquisitions);
        Assert.All(renewed, token => Assert.Equal("token-2", token));
        Assert.Equal("token-3", await source.RenewAsync(renewed[0], CancellationToken.None));
    }

    [Fact]
    public async Task A_fresh_token_is_reused_without_asking_the_sign_in_again()
    {
        var source = new CountingTokenSource(_time);
        source.Release();

        var first = await source.GetTokenAsync(CancellationToken.None);
        var again = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => source.GetTokenAsync(CancellationToken.None)));

        Assert.Equal(1, source.Acquisitions);
        Assert.All(again, token => Assert.Same(first, token));
    }

    /// <summary>A sign-in whose every acquisition is a new token valid for an hour; after the first, each waits for <see cref="Release"/>.</summary>
    private sealed class CountingTokenSource(FakeTimeProvider time) : RenewingTokenSource(new GraphClock(time))
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _acquisitions;

        public int Acquisitions => Volatile.Read(ref _acquisitions);

        public Task FirstAcquisitionStarted => _started.Task;

        public void Release() => _gate.TrySetResult();

        protected override async Task<AuthenticationResult> AcquireAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref _acquisitions);
            if (number > 1)
            {
                _started.TrySetResult();
                await _gate.Task;
            }

            var expires = time.GetUtcNow().AddHours(1);
            return new AuthenticationResult("token-" + number, false, null, expires, expires, null, null, null, [".default"], Guid.Empty);
        }
    }
}
