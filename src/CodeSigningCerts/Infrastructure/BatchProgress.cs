using System;
using System.Globalization;
using System.Management.Automation;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// The progress of New-, Set- and Remove- over many certificates, without -Verbose: how many are done and, when
    /// the next request waits (Intune's write limit, Graph's Retry-After), why and for how long. Nothing for a quick
    /// command: counts show after the first second (<see cref="SlowProgress"/>), a wait at once only when it is long.
    /// </summary>
    internal sealed class BatchProgress
    {
        private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(1);
        private readonly SlowProgress _progress;
        private int _begun;
        private int _done;

        /// <param name="cmdlet">The cmdlet that writes the records.</param>
        /// <param name="activity">What the command does, e.g. "Uploading certificates to Intune".</param>
        public BatchProgress(Cmdlet cmdlet, string activity)
        {
            _progress = new SlowProgress(cmdlet, 2, activity);
        }

        /// <summary>The command begins its next input: every one before it is done (written, refused or failed).</summary>
        public void Next()
        {
            _done = _begun++;
            _progress.Report(Count());
        }

        /// <summary>The next request waits <paramref name="delay"/> (at most, when <paramref name="atMost"/>), because of <paramref name="reason"/>.</summary>
        public void Waiting(string reason, TimeSpan delay, bool atMost)
        {
            var status = string.Format(CultureInfo.CurrentCulture, "{0}; waiting {1}{2:0} s: {3}", Count(), atMost ? "up to " : string.Empty, delay.TotalSeconds, reason);
            if (delay >= LongWait)
            {
                _progress.ReportNow(status);
            }
            else
            {
                _progress.Report(status);
            }
        }

        public void Complete() => _progress.Complete();

        private string Count() => "Certificates handled: " + _done.ToString(CultureInfo.CurrentCulture);
    }
}
