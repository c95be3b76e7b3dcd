using Microsoft.Extensions.Time.Testing;

namespace CodeSigningCerts.UnitTests.Upload;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows when its next timer is due, so that <see cref="VirtualTime"/> can move
/// the clock straight to it: every wait (Retry-After, a pacer's hold, the lost-answer allowance, a timeout) ends at
/// exactly its moment, in as many steps as there are waits.
/// </summary>
internal sealed class SteppingTime : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TrackedTimer> _timers = [];

    public SteppingTime()
        : base(DateTimeOffset.UtcNow)
    {
    }

    /// <summary>When the earliest timer still to fire is due; null when none is.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_gate)
        {
            return _timers.Where(t => t.Due is not null).Select(t => t.Due).Min();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);
        tracked.Inner = base.CreateTimer(s => { tracked.Fired(); callback(s); }, state, dueTime, period);
        tracked.Set(dueTime, period);
        lock (_gate)
        {
            _timers.Add(tracked);
        }

        return tracked;
    }

    private sealed class TrackedTimer(SteppingTime time) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Set(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Set(TimeSpan dueTime, TimeSpan period)
        {
            lock (time._gate)
            {
                _period = period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : time.GetUtcNow() + dueTime;
            }
        }

        public void Fired()
        {
            lock (time._gate)
            {
                Due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : time.GetUtcNow() + _period;
            }
        }

        public void Dispose()
        {
            lock (time._gate)
            {
                Due = null;
                time._timers.Remove(this);
            }

            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
