using Microsoft.Extensions.Time.Testing;

namespace CodeSigningCerts.UnitTests.Upload;

/// <summary>
/// Runs async work whose waits are on a <see cref="FakeTimeProvider"/>: the clock moves on by <c>step</c> each time the
/// work has nothing left to do but wait, so seconds of pacing, Retry-After and listing lag pass in milliseconds.
/// </summary>
internal static class VirtualTime
{
    public static T Run<T>(FakeTimeProvider time, Func<Task<T>> work, TimeSpan? step = null, TimeSpan? limit = null)
    {
        var task = Task.Run(work);
        var until = time.GetUtcNow() + (limit ?? TimeSpan.FromMinutes(10));
        while (!task.Wait(TimeSpan.FromMilliseconds(2)))
        {
            if (time.GetUtcNow() >= until)
            {
                throw new TimeoutException("The work was still waiting after " + (limit ?? TimeSpan.FromMinutes(10)) + " of virtual time.");
            }

            time.Advance(step ?? TimeSpan.FromMilliseconds(100));
        }

        return task.GetAwaiter().GetResult();
    }
}
