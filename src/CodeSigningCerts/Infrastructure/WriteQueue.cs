using System;
using System.Collections.Generic;
using System.Threading;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// The writes that work running off the pipeline thread posts for it (<see cref="GraphCmdlet.Await"/>), taken in the
    /// order posted until the work is complete.
    /// </summary>
    /// <remarks>
    /// Not a BlockingCollection: its wait spins before it sleeps (SemaphoreSlim spins up to 140 times), and a thread
    /// that waits for work must not take the CPU that work needs; on a machine with few cores, the request the pipeline
    /// thread waits for is that work. Monitor.Wait sleeps at once.
    /// </remarks>
    internal sealed class WriteQueue
    {
        private readonly Queue<Action> _writes = new Queue<Action>();
        private bool _complete;

        /// <summary>Queues <paramref name="write"/>; false once the work is complete (nobody would carry it out).</summary>
        public bool TryAdd(Action write)
        {
            lock (_writes)
            {
                if (_complete)
                {
                    return false;
                }

                _writes.Enqueue(write);
                Monitor.Pulse(_writes);
                return true;
            }
        }

        /// <summary>The work is over: <see cref="Take"/> returns what is queued, then null.</summary>
        public void Complete()
        {
            lock (_writes)
            {
                _complete = true;
                Monitor.Pulse(_writes);
            }
        }

        /// <summary>The next write, waiting for one; null when the work is complete and every write was taken.</summary>
        public Action? Take()
        {
            lock (_writes)
            {
                while (_writes.Count == 0 && !_complete)
                {
                    Monitor.Wait(_writes);
                }

                return _writes.Count > 0 ? _writes.Dequeue() : null;
            }
        }
    }
}
