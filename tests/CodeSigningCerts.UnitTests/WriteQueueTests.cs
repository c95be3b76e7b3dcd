using CodeSigningCerts.Infrastructure;

namespace CodeSigningCerts.UnitTests;

/// <summary>The writes work off the pipeline thread posts for it: in order, all of them, and none after the work ended.</summary>
public sealed class WriteQueueTests
{
    [Fact]
    public async Task Writes_posted_from_another_thread_are_taken_in_order_and_then_the_end()
    {
        var queue = new WriteQueue();
        var done = new List<int>();
        var work = Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                var n = i;
                Assert.True(queue.TryAdd(() => done.Add(n)));
            }

            queue.Complete();
        });

        while (queue.Take() is { } write)
        {
            write();
        }

        await work;
        Assert.Equal(Enumerable.Range(0, 1000), done);
    }

    [Fact]
    public void A_write_posted_after_the_work_ended_is_refused_and_never_taken()
    {
        var queue = new WriteQueue();
        queue.Complete();

        Assert.False(queue.TryAdd(() => throw new InvalidOperationException("carried out after the end")));
        Assert.Null(queue.Take());
    }

    [Fact]
    public async Task Take_waits_for_a_write_rather_than_returning_early()
    {
        var queue = new WriteQueue();
        var taken = Task.Run(queue.Take);

        Assert.NotSame(taken, await Task.WhenAny(taken, Task.Delay(200)));
        queue.TryAdd(() => { });
        Assert.NotNull(await taken.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
