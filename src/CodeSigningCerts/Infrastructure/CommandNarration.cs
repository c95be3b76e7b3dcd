using System;
using System.Globalization;
using System.Management.Automation;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// What one command tells the user while it works: the engine's lines about its requests (-Verbose, -Debug) and the
    /// progress bar (how many inputs are done, and why the next request waits: Intune's write limit, Graph's
    /// Retry-After). Each only when it would be shown (the switch, else the caller's preference variable), so the engine
    /// builds the text of requests and answers only when -Debug output is seen. The engine's lines come from any thread
    /// and are posted to the pipeline thread, which writes them.
    /// </summary>
    /// <remarks>
    /// The bar shows nothing in a command's first second, so a quick command never flickers one, then at most a few
    /// updates a second; a wait of a second or more shows at once, as it makes the command slow anyway.
    /// </remarks>
    internal sealed class CommandNarration
    {
        private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
        private static readonly TimeSpan LongWait = TimeSpan.FromSeconds(1);

        private readonly GraphCmdlet _cmdlet;
        private readonly int _activityId;
        private readonly string? _activity;

        // The module's clock, as every wait's (a test's fake clock never reaches a cmdlet's progress bar).
        private readonly GraphClock _clock = GraphClock.System;
        private readonly long _started;
        private TimeSpan _lastShown = -Interval;
        private bool _shown;
        private string _status = "Starting";

        // What the command last said of its progress, shown or not: a wait is said after it.
        private string _progress = "Starting";
        private int _begun;
        private int _done;

        /// <param name="cmdlet">The command narrated.</param>
        /// <param name="progressActivity">What the progress bar says the command does; null for a command that shows none.</param>
        /// <param name="activityId">The bar's ActivityId.</param>
        public CommandNarration(GraphCmdlet cmdlet, string? progressActivity, int activityId)
        {
            _cmdlet = cmdlet;
            _activityId = activityId;
            _started = _clock.Timestamp;
            _activity = progressActivity is not null && !IsQuiet(cmdlet.GetVariableValue("ProgressPreference")) ? progressActivity : null;
            var verbose = StreamWanted(cmdlet, "Verbose", "VerbosePreference");
            var debug = StreamWanted(cmdlet, "Debug", "DebugPreference");
            Log = verbose || debug || _activity is not null
                ? new RequestLog(
                    verbose ? message => cmdlet.Post(() => cmdlet.WriteVerbose(message)) : null,
                    debug ? message => cmdlet.Post(() => cmdlet.WriteDebug(message)) : null,
                    _activity is not null ? (reason, delay, atMost) => cmdlet.Post(() => Waiting(reason, delay, atMost)) : null)
                : null;
        }

        /// <summary>The log to pass to the engine; null when nobody would see any of it.</summary>
        public RequestLog? Log { get; }

        /// <summary>The command begins its next input: every one before it is done (written, refused or failed).</summary>
        public void Next()
        {
            _done = _begun++;
            if (_activity is not null)
            {
                Report(Count());
            }
        }

        /// <summary>Shows <paramref name="status"/> on the bar, unless the command is young or the bar was just drawn.</summary>
        public void Report(string status)
        {
            if (_activity is null)
            {
                // No bar ($ProgressPreference quiet, or a command that shows none): nothing to keep or time.
                return;
            }

            _progress = status;
            ShowIfDue(status);
        }

        /// <summary>Removes the bar, if it was shown.</summary>
        public void Complete()
        {
            if (_shown)
            {
                Write(ProgressRecordType.Completed);
                _shown = false;
            }
        }

        /// <summary>The next request waits <paramref name="delay"/> (at most, when <paramref name="atMost"/>), because of <paramref name="reason"/>.</summary>
        private void Waiting(string reason, TimeSpan delay, bool atMost)
        {
            // After what the command last said: how many inputs are done, or how far a listing got (Get-).
            var status = string.Format(CultureInfo.CurrentCulture, "{0}; waiting {1}{2:0} s: {3}", _progress, atMost ? "up to " : string.Empty, delay.TotalSeconds, reason);
            if (delay >= LongWait)
            {
                Show(status);
            }
            else
            {
                ShowIfDue(status);
            }
        }

        private void ShowIfDue(string status)
        {
            var now = _clock.ElapsedSince(_started);
            if (now >= Quiet && now - _lastShown >= Interval)
            {
                Show(status);
            }
        }

        private void Show(string status)
        {
            if (_activity is null)
            {
                return;
            }

            _lastShown = _clock.ElapsedSince(_started);
            _shown = true;
            _status = status;
            Write(ProgressRecordType.Processing);
        }

        // A new record each time: a host may keep the records it was given (a job, remoting, a test), not only draw them.
        private void Write(ProgressRecordType type) =>
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, _status) { RecordType = type });

        private string Count() => "Certificates handled: " + _done.ToString(CultureInfo.CurrentCulture);

        /// <summary>The switch when given, else the preference variable as the caller's scope sees it; anything unexpected counts as shown.</summary>
        private static bool StreamWanted(PSCmdlet cmdlet, string parameter, string preferenceVariable) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue(parameter, out var bound)
                ? bound is SwitchParameter given ? given.IsPresent : LanguagePrimitives.IsTrue(bound)
                : !IsQuiet(cmdlet.GetVariableValue(preferenceVariable));

        private static bool IsQuiet(object? preference) =>
            preference is ActionPreference value && (value == ActionPreference.SilentlyContinue || value == ActionPreference.Ignore);
    }
}
