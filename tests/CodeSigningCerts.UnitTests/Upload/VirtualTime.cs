namespace CodeSigningCerts.UnitTests.Upload;

/// <summary>
/// Runs async work whose waits are on a <see cref="SteppingTime"/>: whenever the work has gone quiet (no request sent
/// and nothing queued on the thread pool for a few polls), the clock moves straight to the next timer's moment, so
/// seconds of pacing, Retry-After and listing lag pass in milliseconds, each wait ending when it should.
/// </summary>
internal static class VirtualTime
{
    private const int QuietPolls = 10;

    public static T Run<T>(SteppingTime time, Func<Task<T>> work, Func<int>? activity = null, TimeSpan? limit = null)
    {
        var task = Task.Run(work);
        var until = time.GetUtcNow() + (limit ?? TimeSpan.FromHours(1));
        var lastActivity = -1;
        var quiet = 0;
        while (!task.Wait(TimeSpan.FromMilliseconds(1)))
        {
            var now = activity?.Invoke() ?? 0;
            quiet = now == lastActivity && ThreadPool.PendingWorkItemCount == 0 ? quiet + 1 : 0;
            lastActivity = now;
            if (quiet < QuietPolls || time.NextDue() is not { } due)
            {
                continue;
            }

            if (due > until)
            {
                throw new TimeoutException("The work was still waiting after " + (limit ?? TimeSpan.FromHours(1)) + " of virtual time.");
            }

            time.Advance(due > time.GetUtcNow() ? due - time.GetUtcNow() : TimeSpan.Zero);
            quiet = 0;
        }

        return task.GetAwaiter().GetResult();
    }
}
