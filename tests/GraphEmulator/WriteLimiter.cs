namespace GraphEmulator;

/// <summary>
/// Intune's write limit as a sliding window per key (tenant and token: "per app per tenant"). A refused write
/// does not take a slot, so a client that waits the Retry-After it was given finds one free.
/// </summary>
internal sealed class WriteLimiter
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> windows = new(StringComparer.Ordinal);

    /// <summary>True when the write may go ahead (and is counted); else how long until a slot frees.</summary>
    public bool TryAcquire(string key, int limit, TimeSpan window, DateTimeOffset now, out TimeSpan retryAfter)
    {
        lock (gate)
        {
            if (!windows.TryGetValue(key, out var times))
            {
                times = new Queue<DateTimeOffset>();
                windows[key] = times;
            }

            while (times.Count > 0 && times.Peek() <= now - window)
            {
                times.Dequeue();
            }

            if (times.Count < limit)
            {
                times.Enqueue(now);
                retryAfter = TimeSpan.Zero;
                return true;
            }

            // The limit may have been lowered while the window was full: the slot frees when enough old writes expire.
            var freeing = times.ElementAt(times.Count - limit);
            retryAfter = freeing + window - now;
            return false;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            windows.Clear();
        }
    }
}
