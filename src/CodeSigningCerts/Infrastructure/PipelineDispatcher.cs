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
    /// One semaphore per command, used by every request it sends, and a queue only once something is posted: a
    /// collection per request cost about 1.3 KB of allocation each time, and allocation per certificate is what sets
    /// the garbage collector's share of the time (bench/README.md). The semaphore is released once per posted action
    /// and once when the work ends; it spins briefly before it sleeps, as BlockingCollection's did: on a small machine,
    /// waking a thread that went straight to sleep was slower.
    /// </remarks>
    internal sealed class PipelineDispatcher
    {
        private readonly SemaphoreSlim _signals = new SemaphoreSlim(0);
        private readonly Action<Task> _endWork;
        private ConcurrentQueue<Action>? _posted;
        private volatile bool _running;
        private volatile bool _ended;

        public PipelineDispatcher()
        {
            _endWork = _ =>
            {
                _ended = true;
                _signals.Release();
            };
        }

        /// <summary>Queues an action for the pipeline thread; dropped if no work is running.</summary>
        public void Post(Action action)
        {
            if (_running)
            {
                // Posted just as the work ends, it waits for the command's next request (the same pipeline thread) or is dropped.
                LazyInitializer.EnsureInitialized(ref _posted)!.Enqueue(action);
                _signals.Release();
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
            _ended = false;
            _running = true;
            try
            {
                var task = startHere ? Start(work, cancellationToken) : Task.Run(() => work(cancellationToken), cancellationToken);
                task.ContinueWith(_endWork, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                while (true)
                {
                    // One signal per posted action and one for the end: posted actions are carried out first, so all
                    // the work wrote is written before its result.
                    _signals.Wait();
                    if (_posted is { } posted && posted.TryDequeue(out var action))
                    {
                        action();
                    }
                    else if (_ended)
                    {
                        // The task has completed here: this only unwraps its result or rethrows its exception unchanged.
                        return task.GetAwaiter().GetResult();
                    }
                }
            }
            finally
            {
                _running = false;
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
