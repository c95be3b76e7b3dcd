namespace GraphEmulator.Faults;

/// <summary>
/// The faults a test scripts. Queued faults go first, in order: a request takes the oldest queued fault
/// whose method filter matches it and that can act on it (a foreign nextLink waits for a list request).
/// Only when no queued fault fits does random mode roll. Faults are picked after authentication, so a 401
/// never uses one up; /_emulator/ requests never get one.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock gate = new();
    private readonly List<(Fault Fault, string? Method)> queue = [];
    private Random? random;
    private double probability;
    private Fault[] randomFaults = [];
    private Uri? foreignHost;

    /// <summary>Where <see cref="FaultKind.ForeignNextLink"/> points, e.g. <see cref="ForeignHostRecorder.BaseUri"/>.</summary>
    public Uri? ForeignHost
    {
        get => Volatile.Read(ref foreignHost);
        set => Volatile.Write(ref foreignHost, value);
    }

    /// <summary>How many queued faults have not been used yet.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="fault"/> for the next request whose method is <paramref name="method"/> (null: any).</summary>
    public void Enqueue(Fault fault, string? method = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (gate)
        {
            queue.Add((fault, method));
        }
    }

    /// <summary>Queues the fault of <paramref name="kind"/> with its default parameters.</summary>
    public void Enqueue(FaultKind kind, string? method = null) => Enqueue(Fault.Of(kind), method);

    /// <summary>
    /// Injects one of <paramref name="kinds"/> (default parameters) into a <paramref name="probability"/> fraction of
    /// requests. The same seed and the same sequence of requests give the same faults.
    /// </summary>
    public void UseRandom(int seed, double probability, params FaultKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        UseRandom(seed, probability, kinds.Select(Fault.Of).ToArray());
    }

    /// <summary>As <see cref="UseRandom(int, double, FaultKind[])"/>, with the faults' parameters given (short delays, say).</summary>
    public void UseRandom(int seed, double probability, params Fault[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1.0);
        if (faults.Length == 0)
        {
            throw new ArgumentException("Give at least one fault.", nameof(faults));
        }

        lock (gate)
        {
            random = new Random(seed);
            this.probability = probability;
            randomFaults = [.. faults];
        }
    }

    /// <summary>Drops queued faults and leaves random mode. <see cref="ForeignHost"/> stays.</summary>
    public void Clear()
    {
        lock (gate)
        {
            queue.Clear();
            random = null;
            randomFaults = [];
        }
    }

    internal Fault? Next(string method, bool isListRequest)
    {
        lock (gate)
        {
            var index = queue.FindIndex(entry =>
                (entry.Method is null || string.Equals(entry.Method, method, StringComparison.OrdinalIgnoreCase))
                && entry.Fault.AppliesTo(isListRequest));
            if (index >= 0)
            {
                var fault = queue[index].Fault;
                queue.RemoveAt(index);
                return fault;
            }

            if (random is null)
            {
                return null;
            }

            // Two draws per request whatever the outcome, so one request's kind never shifts the next one's roll.
            var roll = random.NextDouble();
            var pick = random.NextDouble();
            if (roll >= probability)
            {
                return null;
            }

            var candidates = randomFaults.Where(f => f.AppliesTo(isListRequest)).ToArray();
            return candidates.Length == 0 ? null : candidates[(int)(pick * candidates.Length)];
        }
    }
}
