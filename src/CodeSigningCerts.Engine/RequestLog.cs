using System;

namespace CodeSigningCerts.Engine
{
    /// <summary>
    /// Where the engine narrates a request. The cmdlet passes delegates that forward to -Verbose and
    /// -Debug on the pipeline thread. (Delegates, not an interface: a type in the cmdlet assembly that
    /// implemented an engine interface would make PowerShell load the engine at import.) Calls may
    /// come from any thread. Nothing secret is ever passed in.
    /// </summary>
    public sealed class RequestLog
    {
        private readonly Action<string>? _verbose;
        private readonly Action<string>? _debug;
        private readonly Action<string, TimeSpan, bool>? _waiting;

        /// <summary>
        /// Creates a log from its sinks; a null sink is a stream nobody would see, and nothing is built for it.
        /// <paramref name="waiting"/> hears every wait before a request (for a progress bar): why, and how long.
        /// </summary>
        public RequestLog(Action<string>? verbose, Action<string>? debug, Action<string, TimeSpan, bool>? waiting = null)
        {
            _verbose = verbose;
            _debug = debug;
            _waiting = waiting;
        }

        /// <summary>Whether -Debug output is wanted: the text of every request and response is built only then.</summary>
        public bool DebugWanted => _debug is not null;

        /// <summary>One line per request: method, path, status, duration, request-id.</summary>
        public void Verbose(string message) => _verbose?.Invoke(message);

        /// <summary>Request and response details with the Authorization header redacted.</summary>
        public void Debug(string message) => _debug?.Invoke(message);

        /// <summary>
        /// The next request waits: <paramref name="reason"/> (Intune's write limit, Graph's Retry-After), for
        /// <paramref name="delay"/>, or at most that long when <paramref name="atMost"/> (a slot of the write limit frees sooner or later).
        /// </summary>
        public void Waiting(string reason, TimeSpan delay, bool atMost) => _waiting?.Invoke(reason, delay, atMost);
    }
}
