using System.Diagnostics;
using System.Management.Automation;

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
        private readonly ProgressRecord _record;
        private readonly Stopwatch _elapsed = Stopwatch.StartNew();
        private long _lastShown = -IntervalMilliseconds;
        private bool _shown;

        public SlowProgress(Cmdlet cmdlet, int activityId, string activity)
        {
            _cmdlet = cmdlet;
            _record = new ProgressRecord(activityId, activity, "Starting");
        }

        public void Report(string status)
        {
            var now = _elapsed.ElapsedMilliseconds;
            if (now < QuietMilliseconds || now - _lastShown < IntervalMilliseconds)
            {
                return;
            }

            _lastShown = now;
            _shown = true;
            _record.StatusDescription = status;
            _record.RecordType = ProgressRecordType.Processing;
            _cmdlet.WriteProgress(_record);
        }

        public void Complete()
        {
            if (!_shown)
            {
                return;
            }

            _record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(_record);
            _shown = false;
        }
    }
}
