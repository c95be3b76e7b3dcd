using Microsoft.Extensions.Time.Testing;

namespace CodeSigningCerts.UnitTests.Upload;

/// <summary>
/// Runs async work whose waits are on a <see cref="FakeTimeProvider"/>: whenever the work has gone quiet (it sent no
/// request and the thread pool has nothing queued for a few polls), the clock moves on by <c>step</c>, so seconds of
/// pacing, Retry-After and listing lag pass in milliseconds, and the clock does not run while the work computes.
/// </summary>
internal static class VirtualTime
{
    private const int QuietPolls = 5;

    public static T Run<T>(FakeTimeProvider time, Func<Task<T>> work, TimeSpan? step = null, Func<int>? activity = null, TimeSpan? limit = null)
    {
        var task = Task.Run(work);
        var until = time.GetUtcNow() + (limit ?? TimeSpan.FromMinutes(30));
        var lastActivity = -1;
        var quiet = 0;
        while (!task.Wait(TimeSpan.FromMilliseconds(1)))
        {
            var now = activity?.Invoke() ?? 0;
            quiet = now == lastActivity && ThreadPool.PendingWorkItemCount == 0 ? quiet + 1 : 0;
            lastActivity = now;
            if (quiet < QuietPolls)
            {
                continue;
            }

            if (time.GetUtcNow() >= until)
            {
                throw new TimeoutException("The work was still waiting after " + (limit ?? TimeSpan.FromMinutes(30)) + " of virtual time.");
            }

            time.Advance(step ?? TimeSpan.FromMilliseconds(100));
            quiet = 0;
        }

        return task.GetAwaiter().GetResult();
    }
}
