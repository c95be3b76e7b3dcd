namespace CodeSigningCerts.UnitTests.Upload;

/// <summary>
/// Runs async work whose waits are on a <see cref="SteppingTime"/>: whenever the work has gone quiet (no request sent
/// and nothing queued on the thread pool for a few polls), the clock moves straight to the next timer's moment, so
/// seconds of pacing, Retry-After and listing lag pass in milliseconds, each wait ending when it should.
/// </summary>
internal static class VirtualTime
{
    public static T Run<T>(SteppingTime time, Func<Task<T>> work, Func<int>? activity = null, TimeSpan? limit = null)
    {
        var task = Task.Run(work);
        var until = time.GetUtcNow() + (limit ?? TimeSpan.FromHours(1));
        var quiet = new QuietWatch(activity);
        while (!task.Wait(TimeSpan.FromMilliseconds(1)))
        {
            if (!quiet.Poll() || time.NextDue() is not { } due)
            {
                continue;
            }

            if (due > until)
            {
                throw new TimeoutException("The work was still waiting after " + (limit ?? TimeSpan.FromHours(1)) + " of virtual time.");
            }

            time.Advance(due > time.GetUtcNow() ? due - time.GetUtcNow() : TimeSpan.Zero);
            quiet.Reset();
        }

        return task.GetAwaiter().GetResult();
    }
}

/// <summary>
/// Decides when work has gone quiet: <see cref="QuietPolls"/> polls in a row with no new activity (requests sent) and
/// nothing queued on the thread pool. <see cref="VirtualTime"/> moves the clock then; <see cref="RealTime.Settle"/>
/// checks then that nothing was sent.
/// </summary>
internal sealed class QuietWatch(Func<int>? activity)
{
    public const int QuietPolls = 10;

    private int _lastActivity = -1;
    private int _quiet;

    /// <summary>One poll; true once the work has been quiet for <see cref="QuietPolls"/> polls in a row.</summary>
    public bool Poll()
    {
        var now = activity?.Invoke() ?? 0;
        _quiet = now == _lastActivity && ThreadPool.PendingWorkItemCount == 0 ? _quiet + 1 : 0;
        _lastActivity = now;
        return _quiet >= QuietPolls;
    }

    public void Reset() => _quiet = 0;
}
