namespace GraphEmulator.Graph;

/// <summary>Every Graph request received (not the /_emulator/ control requests), in arrival order. Thread-safe.</summary>
public sealed class RequestLog
{
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> items = [];

    /// <summary>A snapshot, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> All
    {
        get
        {
            lock (gate)
            {
                return [.. items];
            }
        }
    }

    /// <summary>How many were received.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    /// <summary>Forgets everything received so far.</summary>
    public void Clear()
    {
        lock (gate)
        {
            items.Clear();
        }
    }

    /// <summary>
    /// For every response that was 429 or carried Retry-After: the next request with the same Authorization,
    /// method and path (a retry re-sends the same request; matching on all three keeps concurrent traffic
    /// from posing as the retry). A test asserts <c>ThrottleGaps().All(g =&gt; !g.IsEarly)</c>.
    /// </summary>
    public IReadOnlyList<ThrottleGap> ThrottleGaps()
    {
        var all = All;
        var gaps = new List<ThrottleGap>();
        for (var i = 0; i < all.Count; i++)
        {
            var candidate = all[i];
            if (candidate.ResponseStatus != 429 && candidate.RetryAfter is null)
            {
                continue;
            }

            var next = all.Skip(i + 1).FirstOrDefault(r =>
                r.Authorization == candidate.Authorization
                && r.Method == candidate.Method
                && r.Path == candidate.Path);
            gaps.Add(new ThrottleGap(candidate, next));
        }

        return gaps;
    }

    internal void Add(RecordedRequest request)
    {
        lock (gate)
        {
            items.Add(request);
        }
    }
}
