using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using CodeSigningCerts.Engine;
using CodeSigningCerts.Engine.Auth;

namespace CodeSigningCerts.Infrastructure
{
    // The cmdlet bases: GraphCmdlet for every cmdlet of the module (work off the pipeline thread, the runspace's
    // connection), ConnectedCmdlet for those that act on a tenant (-Connection, calls on it, what they say meanwhile).

    /// <summary>
    /// The base of every cmdlet that talks to Graph. Two rules: async work runs off the pipeline thread through
    /// <see cref="Await"/> (Ctrl+C cancels it and stops the command), and that work writes only through
    /// <see cref="Post"/>, because PowerShell's Write* methods must be called on the pipeline thread, which carries
    /// out the posted writes while it waits.
    /// </summary>
    public abstract class GraphCmdlet : PSCmdlet
    {
        // Each runspace's current connection, never a process-wide one: two runbook jobs in one process (two runspaces)
        // never see or replace each other's sign-in, and a runspace's connection goes with it. Making another connection
        // current does not close the one it replaces: that one is a value the user may hold (-Connection $contoso after
        // connecting to Fabrikam). Only Disconnect- closes a connection.
        private static readonly ConditionalWeakTable<Runspace, StrongBox<ConnectionContext?>> CurrentByRunspace = new ConditionalWeakTable<Runspace, StrongBox<ConnectionContext?>>();

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        // The writes the running work posted (Await), in order; a null marks the work's end.
        private volatile Queue<Action?>? _writes;
        private CancellationToken _working;
        private Runspace? _runspace;

        internal static string UserAgent { get; } = "CodeSigningCerts/" + typeof(GraphCmdlet).Assembly.GetName().Version?.ToString(3);

        /// <summary>The runspace this command runs in, taken on the pipeline thread.</summary>
        internal Runspace CurrentRunspace => _runspace ??= Runspace.DefaultRunspace;

        /// <summary>This runspace's connection, or null; set by Connect-.</summary>
        internal ConnectionContext? CurrentConnection
        {
            get => CurrentIn(CurrentRunspace);
            set
            {
                var slot = CurrentByRunspace.GetValue(CurrentRunspace, _ => new StrongBox<ConnectionContext?>());
                lock (slot)
                {
                    slot.Value = value;
                }
            }
        }

        /// <summary>The connection current in <paramref name="runspace"/>, or null: for what runs outside a command (argument completion).</summary>
        internal static ConnectionContext? CurrentIn(Runspace runspace) =>
            CurrentByRunspace.TryGetValue(runspace, out var slot) ? slot.Value : null;

        /// <summary>Leaves this runspace without a current connection if <paramref name="connection"/> is it.</summary>
        internal void ForgetCurrent(ConnectionContext connection)
        {
            if (!CurrentByRunspace.TryGetValue(CurrentRunspace, out var slot))
            {
                return;
            }

            lock (slot)
            {
                if (ReferenceEquals(slot.Value, connection))
                {
                    slot.Value = null;
                }
            }
        }

        /// <summary>
        /// Runs <paramref name="work"/> on the thread pool and, on the pipeline thread, carries out what it posts until it
        /// ends; then returns its result or rethrows its exception. Ctrl+C cancels its token and stops the command.
        /// </summary>
        internal T Await<T>(Func<CancellationToken, Task<T>> work)
        {
            var writes = new Queue<Action?>();
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            _writes = writes;
            _working = cancel.Token;
            var task = Task.Run(() => work(cancel.Token), cancel.Token);
            task.ContinueWith(_ => Enqueue(writes, null), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                // Every write the work posted is carried out before its result is returned.
                while (TakeNext(writes) is { } write)
                {
                    write();
                }

                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Ctrl+C: the work was cancelled with the command; it too ends before the call returns.
                WaitOut(task);
                throw new PipelineStoppedException();
            }
            catch
            {
                // A write failed (the pipeline downstream stopped, say): the work is no longer wanted. It ends before this
                // returns (its questions are cancelled with it, see Ask), so no request of it outlives the call that holds
                // the connection open (Run): a Disconnect- elsewhere never frees a client a request still uses.
                cancel.Cancel();
                WaitOut(task);
                throw;
            }
            finally
            {
                _writes = null;
            }
        }

        private static void WaitOut(Task task)
        {
            try
            {
                task.Wait();
            }
            catch (AggregateException)
            {
                // Its failure (a cancellation, mostly) is not what the user is told: the write's is.
            }
        }

        /// <summary>Queues a write for the pipeline thread, from work started with <see cref="Await"/>; dropped when none is running.</summary>
        internal void Post(Action write)
        {
            // A null in the queue is the work's end.
            if (write is null)
            {
                throw new ArgumentNullException(nameof(write));
            }

            if (_writes is { } writes)
            {
                Enqueue(writes, write);
            }
        }

        private static void Enqueue(Queue<Action?> writes, Action? write)
        {
            lock (writes)
            {
                writes.Enqueue(write);
                Monitor.Pulse(writes);
            }
        }

        /// <summary>The next write the work posted, waiting for one; null once the work ended (what it posted before is taken first).</summary>
        /// <remarks>
        /// Monitor.Wait sleeps at once; a BlockingCollection's wait spins first (SemaphoreSlim, up to 140 times), and on a
        /// machine with few cores the thread it would take from is the one running the request the pipeline waits for.
        /// What is posted after the end is never taken: nobody would carry it out.
        /// </remarks>
        private static Action? TakeNext(Queue<Action?> writes)
        {
            lock (writes)
            {
                while (writes.Count == 0)
                {
                    Monitor.Wait(writes);
                }

                return writes.Dequeue();
            }
        }

        /// <summary>
        /// Asks <paramref name="question"/> on the pipeline thread, from work started with <see cref="Await"/>: for what only
        /// the pipeline thread may do and whose answer the work needs (ShouldProcess).
        /// </summary>
        internal Task<T> Ask<T>(Func<T> question)
        {
            var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);

            // A question the pipeline thread will never take up (the work was given up) ends with the work.
            _working.Register(() => answer.TrySetCanceled());
            Post(() =>
            {
                try
                {
                    answer.TrySetResult(question());
                }
                catch (Exception ex)
                {
                    answer.TrySetException(ex);
                    throw;
                }
            });
            return answer.Task;
        }

        /// <summary>Writes an input error from <see cref="ErrorTable"/>, with the input as target and the id's advice for <paramref name="situation"/>.</summary>
        internal void WriteInputError(string errorId, ErrorCategory category, string message, object? target, AdviceCase situation = AdviceCase.Usual, Exception? inner = null) =>
            WriteError(ErrorTable.Create(errorId, message, target, inner, situation, category));

        /// <inheritdoc />
        protected override void StopProcessing() => _stopping.Cancel();
    }

    /// <summary>
    /// The base of the cmdlets that act on a tenant (Get-, New-, Set-, Remove-, Test-): -Connection names the
    /// connection, else the runspace's current one is used. -Connection never changes which connection is current, so
    /// one script can mix tenants command by command, and hand a connection to other runspaces ($using:). Calls on the
    /// connection go through <see cref="Run{T}"/> or <see cref="Graph{T}"/>, narrated by <see cref="Narration"/>.
    /// </summary>
    public abstract class ConnectedCmdlet : GraphCmdlet
    {
        private CommandNarration? _narration;

        /// <summary>The connection to act through, as Connect- or Get-EnterpriseCodeSigningContext returned it; without it, this runspace's current connection.</summary>
        [Parameter]
        [ValidateNotNull]
        public ConnectionContext? Connection { get; set; }

        /// <summary>-Connection's connection when given, else this runspace's; null when neither (not connected).</summary>
        internal ConnectionContext? TargetConnection => Connection ?? CurrentConnection;

        /// <summary>
        /// The connection to act through; stops the command with a clear error when there is none (NotConnected) or it
        /// was closed (ConnectionClosed): no later input could succeed either.
        /// </summary>
        internal ConnectionContext RequireConnection()
        {
            var connection = TargetConnection;
            if (connection is null)
            {
                var exception = new InvalidOperationException("Not connected to Microsoft Graph in this runspace: run Connect-EnterpriseCodeSigning first, or give -Connection.");
                ThrowTerminatingError(ErrorTable.Create(ErrorIds.NotConnected, exception, null));
            }

            if (connection!.Certificates.IsClosed)
            {
                ThrowConnectionClosed(connection);
            }

            return connection;
        }

        /// <summary>
        /// What the progress bar of a command that may take a while (New, Set, Remove, Get's listing) says it does; null
        /// for a command with one quick answer, which shows none.
        /// </summary>
        internal virtual string? ProgressActivity => null;

        /// <summary>The progress bar's ActivityId: 2 for a command over many inputs, 1 for Get-'s listing, so a host that keys bars by id alone keeps those of <c>Get- | Remove-</c> apart.</summary>
        internal virtual int ProgressActivityId => 2;

        /// <summary>What the command tells the user while it works (-Verbose, -Debug, the progress bar); made once per command, on the pipeline thread.</summary>
        internal CommandNarration Narration => _narration ??= new CommandNarration(this, ProgressActivity, ProgressActivityId);

        /// <summary>Where the engine narrates this command's requests; null when nobody would see them.</summary>
        internal RequestLog? RequestLog => Narration.Log;

        /// <summary>
        /// Work on the connection, awaited as <see cref="GraphCmdlet.Await{T}"/> does; a connection that can no longer sign in stops the
        /// command (no later input could succeed either).
        /// </summary>
        internal T Run<T>(ConnectionContext connection, Func<CancellationToken, Task<T>> work)
        {
            // Held for the whole call: a Disconnect- in another runspace lets it finish and refuses the next one.
            if (!connection.Certificates.TryBeginCall())
            {
                ThrowConnectionClosed(connection);
            }

            try
            {
                return Await(work);
            }
            catch (SignInException ex)
            {
                // The refresh token was revoked, the app's secret expired.
                ThrowTerminatingError(ErrorTable.Create(ErrorIds.SignInFailed, ex, connection.ClientId));
                throw;
            }
            finally
            {
                connection.Certificates.EndCall();
            }
        }

        /// <summary>
        /// Stops the command: <paramref name="connection"/> was closed (Disconnect-, here or in another runspace that
        /// shared it), and no later input could go through it either.
        /// </summary>
        internal void ThrowConnectionClosed(ConnectionContext connection)
        {
            var exception = new InvalidOperationException("The connection to " + connection.GraphEndpoint + (connection.TenantId is null ? string.Empty : " (tenant " + connection.TenantId + ")") + " was closed by Disconnect-EnterpriseCodeSigning, in this runspace or in another one that shared it. Connect again and use the connection Connect-EnterpriseCodeSigning returns.");
            ThrowTerminatingError(ErrorTable.Create(ErrorIds.ConnectionClosed, exception, connection));
        }

        /// <summary>One call on the connection's certificates, run as <see cref="Run{T}"/> does, narrated to -Verbose, -Debug and the progress bar.</summary>
        internal T Graph<T>(ConnectionContext connection, Func<CertificateApi, RequestLog?, CancellationToken, Task<T>> call)
        {
            var log = RequestLog;
            return Run(connection, token => call(connection.Certificates, log, token));
        }

        /// <summary><see cref="Graph{T}"/> for a call with no result.</summary>
        internal void Graph(ConnectionContext connection, Func<CertificateApi, RequestLog?, CancellationToken, Task> call) =>
            Graph(connection, async (api, log, token) =>
            {
                await call(api, log, token).ConfigureAwait(false);
                return true;
            });

        /// <summary>ShouldProcess(target, action) that also says whether -WhatIf answered (rather than the user or the preferences).</summary>
        internal bool ShouldProcess(string target, string action, out bool whatIf)
        {
            var description = string.Format(CultureInfo.CurrentCulture, "Performing the operation \"{0}\" on target \"{1}\".", action, target);
            var proceed = ShouldProcess(description, "Are you sure you want to perform this action?" + System.Environment.NewLine + description, "Confirm", out var reason);
            whatIf = (reason & ShouldProcessReason.WhatIf) != 0;
            return proceed;
        }

        /// <summary>Writes a Graph failure as a non-terminating error with <paramref name="target"/> as its target.</summary>
        internal void WriteGraphError(GraphException exception, object? target) =>
            WriteError(GraphErrors.ToErrorRecord(exception, target));

        /// <summary>Ends the progress bar of a command that showed one.</summary>
        protected override void EndProcessing() => _narration?.Complete();
    }
}
