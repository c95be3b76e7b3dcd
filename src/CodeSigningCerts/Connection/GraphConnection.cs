using System;
using System.Runtime.CompilerServices;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Connection
{
    /// <summary>
    /// One connection: its certificates API (one HttpClient, the sign-in's token source and the write pacer, for its
    /// life) and what it is. The only thing carried from one command to the next: nothing about the tenant is, so each
    /// command sees the tenant as it is when it runs.
    /// </summary>
    /// <remarks>
    /// A connection is a value the user holds (the <see cref="ConnectionContext"/> Connect- returns, given as
    /// -Connection), so it may be used from any runspace and from several at once: the API, its token source (one
    /// renewal at a time) and its pacer (one per connection, as Intune's limit is per app and tenant) are thread-safe.
    /// Closing it (Disconnect-) refuses every later call from any runspace; calls already running finish on it, and the
    /// last of them frees the HTTP client, so no request in flight is cut off mid-answer.
    /// </remarks>
    internal sealed class GraphConnection : IDisposable
    {
        // The connection each context describes, for -Connection. Weak: a connection no context is held for (no
        // variable, no runspace) goes with it.
        private static readonly ConditionalWeakTable<ConnectionContext, GraphConnection> ByContext = new ConditionalWeakTable<ConnectionContext, GraphConnection>();

        private readonly object _gate = new object();
        private int _calls;
        private bool _closed;

        public GraphConnection(CertificateApi certificates, ConnectionContext context)
        {
            Certificates = certificates;
            Context = context;
            ByContext.Add(context, this);
        }

        public CertificateApi Certificates { get; }

        public ConnectionContext Context { get; }

        /// <summary>True once Disconnect- closed it: no call goes through it any more.</summary>
        public bool IsClosed
        {
            get
            {
                lock (_gate)
                {
                    return _closed;
                }
            }
        }

        /// <summary>The connection <paramref name="context"/> describes; null for none (never made by this module).</summary>
        public static GraphConnection? Of(ConnectionContext context) =>
            ByContext.TryGetValue(context, out var connection) ? connection : null;

        /// <summary>
        /// Holds the connection open for one call: true, and then <see cref="EndCall"/> once the call ended; false once it
        /// is closed, and the caller must not send anything.
        /// </summary>
        public bool TryBeginCall()
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return false;
                }

                _calls++;
                return true;
            }
        }

        /// <summary>Ends a call <see cref="TryBeginCall"/> began; the last one to end on a closed connection frees it.</summary>
        public void EndCall()
        {
            lock (_gate)
            {
                if (--_calls > 0 || !_closed)
                {
                    return;
                }
            }

            Certificates.Dispose();
        }

        /// <summary>Closes the connection: later calls are refused; the HTTP client and tokens go when the last running call ends.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }

                _closed = true;
                if (_calls > 0)
                {
                    return;
                }
            }

            Certificates.Dispose();
        }
    }
}
