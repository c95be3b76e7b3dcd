using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// Runs async work off the pipeline thread while the pipeline thread waits here and carries out
    /// what the work posts back (verbose, debug, warnings): PowerShell's Write* methods must be called
    /// on the pipeline thread. The pipeline thread never blocks on a task that is still running.
    /// </summary>
    internal sealed class PipelineDispatcher
    {
        private static readonly Action WorkEnded = () => { };
        private BlockingCollection<Action>? _pending;

        /// <summary>Queues an action for the pipeline thread; dropped if no work is running.</summary>
        public void Post(Action action)
        {
            var pending = _pending;
            if (pending is null)
            {
                return;
            }

            try
            {
                pending.Add(action);
            }
            catch (InvalidOperationException)
            {
                // The work already finished: nothing waits for this message any more.
            }
        }

        /// <summary>
        /// Runs <paramref name="work"/> and pumps posted actions until it ends. By default the work starts on
        /// the thread pool. With <paramref name="startHere"/> it starts on this thread and runs here only up
        /// to its first await that does not complete at once (then on the pool, as every await in the engine
        /// uses ConfigureAwait(false)): one thread hand-off less per call, for work that never blocks before
        /// it awaits, such as a Graph request (docs/performance.md).
        /// </summary>
        public T Run<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken, bool startHere = false)
        {
            using var pending = new BlockingCollection<Action>();
            _pending = pending;
            try
            {
                var task = startHere ? Start(work, cancellationToken) : Task.Run(() => work(cancellationToken), cancellationToken);

                // The end of the work is one more item in the queue, after everything it posted. Not
                // CompleteAdding: that wakes a waiting consumer by cancelling its wait, which throws and
                // catches two OperationCanceledExceptions per request (docs/performance.md).
                task.ContinueWith(_ => pending.Add(WorkEnded), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                for (var action = pending.Take(); !ReferenceEquals(action, WorkEnded); action = pending.Take())
                {
                    action();
                }

                // The task has completed here (its continuation queued WorkEnded): this only unwraps its
                // result or rethrows its exception unchanged.
                return task.GetAwaiter().GetResult();
            }
            finally
            {
                _pending = null;
            }
        }

        private static Task<T> Start<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        {
            try
            {
                return work(cancellationToken);
            }
            catch (Exception ex)
            {
                // As Task.Run would: a synchronous throw becomes the task's exception, rethrown unchanged by Run.
                return Task.FromException<T>(ex);
            }
        }
    }
}
