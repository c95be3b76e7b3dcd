using System;
using System.Globalization;
using System.Management.Automation;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>[ValidateRange] for TimeSpan parameters, which ValidateRange cannot compare: bounds in seconds.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateTimeSpanRangeAttribute : ValidateArgumentsAttribute
    {
        /// <summary>Allows <paramref name="minSeconds"/> to <paramref name="maxSeconds"/>, both included.</summary>
        public ValidateTimeSpanRangeAttribute(double minSeconds, double maxSeconds)
        {
            MinSeconds = minSeconds;
            MaxSeconds = maxSeconds;
        }

        /// <summary>The shortest allowed value, in seconds.</summary>
        public double MinSeconds { get; }

        /// <summary>The longest allowed value, in seconds.</summary>
        public double MaxSeconds { get; }

        /// <inheritdoc />
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (value is not TimeSpan span || span.TotalSeconds < MinSeconds || span.TotalSeconds > MaxSeconds)
            {
                throw new ValidationMetadataException(string.Format(
                    CultureInfo.InvariantCulture,
                    "The value '{0}' is not between {1} and {2}: give a time span such as 00:00:30 (30 seconds), from {3} to {4} seconds.",
                    value,
                    TimeSpan.FromSeconds(MinSeconds),
                    TimeSpan.FromSeconds(MaxSeconds),
                    MinSeconds,
                    MaxSeconds));
            }
        }
    }
}
