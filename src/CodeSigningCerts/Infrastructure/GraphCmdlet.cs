using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using CodeSigningCerts.Connection;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Engine.Auth;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// The base of every cmdlet that talks to Graph: finds the runspace's connection, runs requests off
    /// the pipeline thread, cancels them on Ctrl+C (StopProcessing), narrates them to -Verbose/-Debug
    /// and turns Graph failures into ErrorRecords.
    /// </summary>
    public abstract class GraphCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly PipelineDispatcher _dispatcher = new PipelineDispatcher();
        private Runspace? _runspace;
        private RequestLog? _log;
        private bool _logChosen;

        internal static string UserAgent { get; } = "CodeSigningCerts/" + typeof(GraphCmdlet).Assembly.GetName().Version?.ToString(3);

        /// <summary>The runspace this command runs in, taken on the pipeline thread.</summary>
        internal Runspace CurrentRunspace => _runspace ??= Runspace.DefaultRunspace;

        /// <summary>This runspace's connection, or null.</summary>
        internal GraphConnection? CurrentConnection => ConnectionRegistry.Get(CurrentRunspace);

        /// <summary>This runspace's connection; stops the command with a clear error when there is none.</summary>
        internal GraphConnection RequireConnection()
        {
            var connection = CurrentConnection;
            if (connection is null)
            {
                var exception = new InvalidOperationException("Not connected to Microsoft Graph. Run Connect-EnterpriseCodeSigning first, for example: Connect-EnterpriseCodeSigning -AccessToken $token (or -ManagedIdentity in an Azure Automation runbook).");
                ThrowTerminatingError(ActionableError.Create(exception, ErrorIds.NotConnected, ErrorCategory.AuthenticationError, null, "Run Connect-EnterpriseCodeSigning."));
            }

            return connection!;
        }

        /// <summary>Sends one Graph request for the current input; a Ctrl+C stops it and the command.</summary>
        internal GraphResponse Send(GraphConnection connection, GraphRequest request)
        {
            var log = Log();
            try
            {
                // Started on the pipeline thread: a request awaits before anything could block (docs/performance.md).
                return Run(token => connection.Client.SendAsync(request, log, token), startHere: true);
            }
            catch (SignInException ex)
            {
                // The connection can no longer get tokens (the refresh token was revoked, the app's
                // secret expired): no later input can succeed either, so this stops the command.
                ThrowTerminatingError(ActionableError.Create(ex, ErrorIds.SignInFailed, ErrorCategory.AuthenticationError, connection.Context.ClientId, "Run Connect-EnterpriseCodeSigning again."));
                throw;
            }
        }

        /// <summary>Every entity of a Graph collection, page by page; <paramref name="onPage"/> hears the count so far before each page.</summary>
        internal IEnumerable<IReadOnlyDictionary<string, object?>> ListAll(GraphConnection connection, string path, Action<int>? onPage = null) =>
            GraphPaging.Entities(path, page => Send(connection, new GraphRequest("GET", page)).Body, onPage);

        /// <summary>ShouldProcess(target, action) that also says whether -WhatIf answered (rather than the user or the preferences).</summary>
        internal bool ShouldProcess(string target, string action, out bool whatIf)
        {
            var description = string.Format(CultureInfo.CurrentCulture, "Performing the operation \"{0}\" on target \"{1}\".", action, target);
            var proceed = ShouldProcess(description, "Are you sure you want to perform this action?" + System.Environment.NewLine + description, "Confirm", out var reason);
            whatIf = (reason & ShouldProcessReason.WhatIf) != 0;
            return proceed;
        }

        /// <summary>
        /// Where the engine narrates this command's requests, chosen once per command. Messages from the request's thread
        /// are written on the pipeline thread by the dispatcher. A stream nobody would see gets no sink, and no log at all
        /// when neither would: the engine builds the text of every request and response only for -Debug, and that was
        /// about a tenth of the time per certificate (bench/README.md). A message that must always be heard (a warning)
        /// needs its own way out.
        /// </summary>
        private RequestLog? Log()
        {
            if (!_logChosen)
            {
                _logChosen = true;
                var verbose = StreamWanted("Verbose", "VerbosePreference");
                var debug = StreamWanted("Debug", "DebugPreference");
                var progress = Progress is not null && ProgressWanted();
                _log = verbose || debug || progress
                    ? new RequestLog(
                        verbose ? message => _dispatcher.Post(() => WriteVerbose(message)) : null,
                        debug ? message => _dispatcher.Post(() => WriteDebug(message)) : null,
                        progress ? (reason, delay, atMost) => _dispatcher.Post(() => Progress!.Waiting(reason, delay, atMost)) : null)
                    : null;
            }

            return _log;
        }

        /// <summary>
        /// The progress of a command that works through many inputs (New, Set, Remove), or null: a command with one
        /// quick answer shows none.
        /// </summary>
        internal virtual BatchProgress? Progress => null;

        // Whether a progress bar would be shown: $ProgressPreference (or -ProgressAction) as the caller's scope sees it.
        private bool ProgressWanted() =>
            !(GetVariableValue("ProgressPreference") is ActionPreference preference
                && (preference == ActionPreference.SilentlyContinue || preference == ActionPreference.Ignore));

        /// <summary>
        /// Whether -Verbose or -Debug output would be shown: the switch when given, else the preference variable
        /// as the caller's scope sees it. Anything unexpected counts as shown.
        /// </summary>
        private bool StreamWanted(string parameter, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(parameter, out var bound))
            {
                return bound is SwitchParameter given ? given.IsPresent : LanguagePrimitives.IsTrue(bound);
            }

            return !(GetVariableValue(preferenceVariable) is ActionPreference preference
                && (preference == ActionPreference.SilentlyContinue || preference == ActionPreference.Ignore));
        }

        /// <summary>Runs async work (a sign-in, say) off the pipeline thread; <paramref name="work"/> may Post writes back.</summary>
        internal T Await<T>(Func<CancellationToken, Task<T>> work) => Run(work, startHere: false);

        /// <summary>The one place async work meets the pipeline: pumped by the dispatcher, stopped by Ctrl+C.</summary>
        private T Run<T>(Func<CancellationToken, Task<T>> work, bool startHere)
        {
            try
            {
                return _dispatcher.Run(work, _stopping.Token, startHere);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Queues a write for the pipeline thread from async work started with <see cref="Await"/>.</summary>
        internal void Post(Action write) => _dispatcher.Post(write);

        /// <summary>Writes a Graph failure as a non-terminating error with <paramref name="target"/> as its target.</summary>
        internal void WriteGraphError(GraphException exception, object? target) =>
            WriteError(GraphErrors.ToErrorRecord(exception, target));

        /// <summary>Writes an error with a stable id, its category, the input as target and what to do (the id's own advice unless given).</summary>
        internal void WriteInputError(string errorId, ErrorCategory category, string message, object? target, string? recommendedAction = null, Exception? inner = null)
        {
            WriteError(ActionableError.Create(new ArgumentException(message, inner), errorId, category, target, recommendedAction ?? InputAdvice.For(errorId), message));
        }

        /// <inheritdoc />
        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Ends the progress bar of a command that showed one (commands that override this show none).</summary>
        protected override void EndProcessing() => Progress?.Complete();
    }
}
