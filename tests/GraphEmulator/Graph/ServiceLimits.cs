namespace GraphEmulator.Graph;

/// <summary>
/// Intune's limits as Graph's throttling page states them, each a sliding window: writes 100 per app per tenant and
/// 200 per tenant, requests of any kind 1000 per app per tenant and 2000 per tenant. A request is admitted only when
/// every limit that counts it has room, and is then counted by all of them; a refused request takes no slot, so a
/// client that waits the Retry-After it was given finds one free.
/// </summary>
internal sealed class ServiceLimits
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> windows = new(StringComparer.Ordinal);

    /// <summary>True when the request may go ahead (and is counted); else how long until every limit it hit has a slot, and which it hit.</summary>
    public bool TryAdmit(string tenant, string app, bool isWrite, EmulatorOptions options, DateTimeOffset now, out TimeSpan retryAfter, out string refusal)
    {
        var window = options.WriteWindow;
        var limits = new List<(string Key, int Limit, string Name)>(4)
        {
            ("request\n" + tenant + "\n" + app, options.RequestLimit, $"{options.RequestLimit} requests in {window.TotalSeconds} seconds for this application and tenant"),
            ("request\n" + tenant, options.TenantRequestLimit, $"{options.TenantRequestLimit} requests in {window.TotalSeconds} seconds for this tenant"),
        };
        if (isWrite)
        {
            limits.Add(("write\n" + tenant + "\n" + app, options.WriteLimit, $"{options.WriteLimit} writes in {window.TotalSeconds} seconds for this application and tenant"));
            limits.Add(("write\n" + tenant, options.TenantWriteLimit, $"{options.TenantWriteLimit} writes in {window.TotalSeconds} seconds for this tenant"));
        }

        lock (gate)
        {
            retryAfter = TimeSpan.Zero;
            refusal = string.Empty;
            foreach (var (key, limit, name) in limits)
            {
                var times = Window(key, now, window);
                if (times.Count >= limit)
                {
                    // The limit may have been lowered while the window was full: the slot frees when enough old requests expire.
                    var untilFree = times.ElementAt(times.Count - limit) + window - now;
                    if (untilFree > retryAfter)
                    {
                        retryAfter = untilFree;
                        refusal = name;
                    }
                }
            }

            if (retryAfter > TimeSpan.Zero)
            {
                return false;
            }

            foreach (var (key, _, _) in limits)
            {
                windows[key].Enqueue(now);
            }

            return true;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            windows.Clear();
        }
    }

    private Queue<DateTimeOffset> Window(string key, DateTimeOffset now, TimeSpan window)
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

        return times;
    }
}
