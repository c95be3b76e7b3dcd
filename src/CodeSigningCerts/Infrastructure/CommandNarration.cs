using System.Management.Automation;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// Where the engine narrates one command's requests: -Verbose, -Debug and the progress bar, each only when it would be
    /// shown (the switch, else the caller's preference variable), so the engine builds the text of requests and answers
    /// only when -Debug output is seen. Lines are posted to the pipeline thread, which writes them.
    /// </summary>
    internal sealed class CommandNarration
    {
        public CommandNarration(GraphCmdlet cmdlet)
        {
            var verbose = StreamWanted(cmdlet, "Verbose", "VerbosePreference");
            var debug = StreamWanted(cmdlet, "Debug", "DebugPreference");
            var progress = cmdlet.Progress is { } bar && !IsQuiet(cmdlet.GetVariableValue("ProgressPreference")) ? bar : null;
            Log = verbose || debug || progress is not null
                ? new RequestLog(
                    verbose ? message => cmdlet.Post(() => cmdlet.WriteVerbose(message)) : null,
                    debug ? message => cmdlet.Post(() => cmdlet.WriteDebug(message)) : null,
                    progress is not null ? (reason, delay, atMost) => cmdlet.Post(() => progress.Waiting(reason, delay, atMost)) : null)
                : null;
        }

        /// <summary>The log to pass to the engine; null when nobody would see any of it.</summary>
        public RequestLog? Log { get; }

        /// <summary>The switch when given, else the preference variable as the caller's scope sees it; anything unexpected counts as shown.</summary>
        private static bool StreamWanted(PSCmdlet cmdlet, string parameter, string preferenceVariable) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue(parameter, out var bound)
                ? bound is SwitchParameter given ? given.IsPresent : LanguagePrimitives.IsTrue(bound)
                : !IsQuiet(cmdlet.GetVariableValue(preferenceVariable));

        private static bool IsQuiet(object? preference) =>
            preference is ActionPreference value && (value == ActionPreference.SilentlyContinue || value == ActionPreference.Ignore);
    }
}
