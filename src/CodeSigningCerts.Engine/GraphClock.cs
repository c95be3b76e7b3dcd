using System;
using System.Threading;
using System.Threading.Tasks;

namespace CodeSigningCerts.Engine
{
    /// <summary>
    /// The clock every read of the time and every wait of a connection goes through: Retry-After, write pacing, token
    /// expiry, the lost-answer allowance, the time an upload is stamped with. <see cref="System"/> in the module; tests
    /// pass a fake one and run those waits in virtual time.
    /// </summary>
    /// <remarks>
    /// A wrapper rather than a <see cref="TimeProvider"/> in the public surface: on .NET Framework and netstandard2.0
    /// TimeProvider comes from Microsoft.Bcl.TimeProvider, an assembly the engine loads in isolation. Were the cmdlet
    /// assembly to name it, another module's copy already loaded in PowerShell's default context would be a different
    /// type from the engine's. The cmdlet assembly names only this engine type.
    /// </remarks>
    public sealed class GraphClock
    {
        internal GraphClock(TimeProvider time)
        {
            Time = time ?? throw new ArgumentNullException(nameof(time));
        }

        /// <summary>The system's clock: the one the module runs on.</summary>
        public static GraphClock System { get; } = new GraphClock(TimeProvider.System);

        /// <summary>Now, in UTC.</summary>
        public DateTimeOffset UtcNow => Time.GetUtcNow();

        /// <summary>A monotonic mark (the system's never steps back with the wall clock), for <see cref="ElapsedSince"/>.</summary>
        public long Timestamp => Time.GetTimestamp();

        internal TimeProvider Time { get; }

        /// <summary>The time passed since <paramref name="timestamp"/>, taken from <see cref="Timestamp"/>.</summary>
        public TimeSpan ElapsedSince(long timestamp) => Time.GetElapsedTime(timestamp);

        /// <summary>Waits <paramref name="delay"/> on this clock; a cancelled token ends the wait at once.</summary>
        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Time.Delay(delay, cancellationToken);
    }
}
