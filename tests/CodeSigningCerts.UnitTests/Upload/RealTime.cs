namespace CodeSigningCerts.UnitTests.Upload;

/// <summary>
/// Real-time waits for tests that move a virtual clock by hand: until the work got somewhere, and until it has gone
/// quiet, so that "nothing was sent yet" is asserted once the work had every chance to send.
/// </summary>
internal static class RealTime
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="failure"/> after 10 s.</summary>
    public static async Task Until(Func<bool> condition, string failure = "the work never got there")
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < giveUp)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), failure);
    }

    /// <summary>
    /// Real time for the work to reach its next wait after the clock moved: at least 100 ms, and until it is quiet as
    /// <see cref="QuietWatch"/> decides (no new activity, nothing queued on the thread pool, several polls in a row).
    /// The polls sleep on a thread of their own, as <see cref="VirtualTime"/>'s block, so that they queue nothing on
    /// the pool themselves. Other tests share the pool, so after 5 s it stops waiting for quiet; the caller's
    /// assertion decides.
    /// </summary>
    public static Task Settle(Func<int>? activity = null) => Task.Factory.StartNew(
        () =>
        {
            var minimum = DateTime.UtcNow + TimeSpan.FromMilliseconds(100);
            var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            var quiet = new QuietWatch(activity);
            while (DateTime.UtcNow < giveUp)
            {
                Thread.Sleep(1);
                if (quiet.Poll() && DateTime.UtcNow >= minimum)
                {
                    return;
                }
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);
}
