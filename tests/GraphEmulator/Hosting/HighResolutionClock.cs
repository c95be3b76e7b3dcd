using System.Diagnostics;

namespace GraphEmulator.Hosting;

/// <summary>
/// Wall-clock time that only moves forward. Retry timing is judged from differences between
/// timestamps, so they come from the monotonic Stopwatch rather than from a clock NTP can step back.
/// </summary>
internal static class HighResolutionClock
{
    private static readonly DateTimeOffset Anchor = DateTimeOffset.UtcNow;
    private static readonly long AnchorTimestamp = Stopwatch.GetTimestamp();

    public static DateTimeOffset UtcNow => Anchor + Stopwatch.GetElapsedTime(AnchorTimestamp);
}
