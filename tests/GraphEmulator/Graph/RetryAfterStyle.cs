namespace GraphEmulator.Graph;

/// <summary>How a 429 from the emulator's limits spells <c>Retry-After</c>.</summary>
public enum RetryAfterStyle
{
    /// <summary>Seconds with up to three decimals, rounded up to the millisecond: <c>Retry-After: 2.128</c>, as Graph's throttling page shows it.</summary>
    Decimal,

    /// <summary>Whole seconds, rounded up (at least 1): never sooner than the limit frees a slot.</summary>
    WholeSecondsUp,

    /// <summary>
    /// Whole seconds, rounded down, as a limiter that truncates the time left (Dev Proxy's RateLimitingPlugin, say):
    /// <c>Retry-After: 0</c> in the last second before a slot frees.
    /// </summary>
    WholeSecondsDown,
}
