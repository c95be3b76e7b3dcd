using System.Management.Automation;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// Write-Progress only for work that takes more than a moment: nothing in the first second, so a
    /// quick command never flickers a progress bar; then at most a few updates a second.
    /// </summary>
    internal sealed class SlowProgress
    {
        private const long QuietMilliseconds = 1000;
        private const long IntervalMilliseconds = 250;
        private readonly Cmdlet _cmdlet;
        private readonly int _activityId;
        private readonly string _activity;
        private string _status = "Starting";
        // The module's clock, as every wait's (a test's fake clock never reaches a cmdlet's progress bar).
        private readonly GraphClock _clock = GraphClock.System;
        private readonly long _started;
        private long _lastShown = -IntervalMilliseconds;
        private bool _shown;

        public SlowProgress(Cmdlet cmdlet, int activityId, string activity)
        {
            _cmdlet = cmdlet;
            _activityId = activityId;
            _activity = activity;
            _started = _clock.Timestamp;
        }

        private long ElapsedMilliseconds => (long)_clock.ElapsedSince(_started).TotalMilliseconds;

        public void Report(string status)
        {
            var now = ElapsedMilliseconds;
            if (now < QuietMilliseconds || now - _lastShown < IntervalMilliseconds)
            {
                return;
            }

            Show(status);
        }

        /// <summary>Shows <paramref name="status"/> at once: for a wait known to be long, which makes the command slow anyway.</summary>
        public void ReportNow(string status) => Show(status);

        private void Show(string status)
        {
            _lastShown = ElapsedMilliseconds;
            _shown = true;
            _status = status;
            Write(ProgressRecordType.Processing);
        }

        public void Complete()
        {
            if (!_shown)
            {
                return;
            }

            Write(ProgressRecordType.Completed);
            _shown = false;
        }

        // A new record each time: a host may keep the records it was given (a job, remoting, a test), not only draw them.
        private void Write(ProgressRecordType type) =>
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, _status) { RecordType = type });
    }
}
