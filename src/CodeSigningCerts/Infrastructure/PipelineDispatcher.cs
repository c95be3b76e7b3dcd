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
    /// <remarks>
    /// One queue and one semaphore per command, used by every request it sends: a collection per request cost about
    /// 1.3 KB of allocation each time, and allocation per certificate is what sets the garbage collector's share of
    /// the time (bench/README.md). The semaphore spins briefly before it sleeps, as BlockingCollection's did: on a
    /// small machine, waking a thread that went straight to sleep was slower.
    /// </remarks>
    internal sealed class PipelineDispatcher
    {
        private static readonly Action WorkEnded = () => { };
        private readonly ConcurrentQueue<Action> _pending = new ConcurrentQueue<Action>();
        private readonly SemaphoreSlim _queued = new SemaphoreSlim(0);
        private readonly Action<Task> _endWork;
        private volatile bool _running;

        public PipelineDispatcher()
        {
            _endWork = _ => Enqueue(WorkEnded);
        }

        /// <summary>Queues an action for the pipeline thread; dropped if no work is running.</summary>
        public void Post(Action action)
        {
            if (_running)
            {
                // Posted just as the work ends, it waits for the command's next request (the same pipeline thread) or is dropped.
                Enqueue(action);
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
            _running = true;
            try
            {
                var task = startHere ? Start(work, cancellationToken) : Task.Run(() => work(cancellationToken), cancellationToken);

                // The end of the work is one more item in the queue, after everything it posted.
                task.ContinueWith(_endWork, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                while (true)
                {
                    _queued.Wait();
                    _pending.TryDequeue(out var action);
                    if (ReferenceEquals(action, WorkEnded))
                    {
                        // The task has completed here (its continuation queued WorkEnded): this only unwraps its
                        // result or rethrows its exception unchanged.
                        return task.GetAwaiter().GetResult();
                    }

                    action?.Invoke();
                }
            }
            finally
            {
                _running = false;
            }
        }

        private void Enqueue(Action action)
        {
            _pending.Enqueue(action);
            _queued.Release();
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
