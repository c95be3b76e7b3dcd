using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using CodeSigningCerts.Engine.Http;
using CodeSigningCerts.Engine.Json;

namespace CodeSigningCerts.Engine
{
    // What the cmdlets call: the API (the resource's calls), the record each call returns, and the log it narrates to.

    /// <summary>
    /// Intune's enterprise code-signing certificates over one connection: list, get, create, update and delete, each
    /// returning <see cref="CertificateRecord"/>s, each throwing <see cref="GraphException"/> for anything but success.
    /// </summary>
    /// <remarks>
    /// The map of a request: cmdlet → <c>CertificateApi</c> (the resource, its JSON: <c>CertificateJson</c>) →
    /// <c>GraphClient</c> (token, retries: <c>RetryPolicy</c>, write pacing, one HTTP exchange per attempt)
    /// → Graph, and the answer back the same way as a value.
    /// </remarks>
    public sealed class CertificateApi : IDisposable
    {
        private const string CollectionPath = "deviceAppManagement/enterpriseCodeSigningCertificates";

        private readonly GraphClient _graph;
        private readonly object _gate = new object();
        private int _calls;
        private bool _closed;

        /// <summary>Opens the connection's HTTP client; every request it sends carries a token from <paramref name="tokens"/>.</summary>
        public CertificateApi(GraphClientOptions options, ITokenSource tokens)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            MaxRetryCount = options.MaxRetryCount;
            Clock = options.Clock;
            _graph = new GraphClient(options, tokens);
        }

        /// <summary>The clock this connection waits and stamps uploads on.</summary>
        public GraphClock Clock { get; }

        /// <summary>How often this connection sends a request again (Connect -MaxRetryCount).</summary>
        public int MaxRetryCount { get; }

        /// <summary>What an error about the collection names as its target.</summary>
        public static string CollectionName => CollectionPath;

        /// <summary>
        /// Every certificate, page by page (following @odata.nextLink); <paramref name="filter"/> is Graph's $filter,
        /// <paramref name="select"/> its $select. <paramref name="onPage"/> hears each page as it arrives, from the
        /// request's thread.
        /// </summary>
        public async Task<IReadOnlyList<CertificateRecord>> ListAsync(
            string? filter,
            string? select,
            Action<IReadOnlyList<CertificateRecord>>? onPage,
            RequestLog? log,
            CancellationToken cancellationToken)
        {
            var all = new List<CertificateRecord>();
            string? next = CollectionPath + Query(filter, select);
            while (next is not null)
            {
                var json = await _graph.SendAsync("GET", next, null, log, cancellationToken).ConfigureAwait(false);
                var page = CertificateJson.ReadPage(json, out next);
                onPage?.Invoke(page);
                all.AddRange(page);
            }

            return all;
        }

        /// <summary>The certificate with <paramref name="id"/>; null when Graph answered without a body.</summary>
        public async Task<CertificateRecord?> GetAsync(string id, RequestLog? log, CancellationToken cancellationToken)
        {
            var entity = await _graph.SendAsync("GET", ItemPath(id), null, log, cancellationToken).ConfigureAwait(false);
            return entity is not null ? CertificateJson.ToRecord(entity) : null;
        }

        /// <summary>
        /// Uploads <paramref name="certificate"/>'s public part with <paramref name="status"/> (Graph's spelling), stamped
        /// <paramref name="uploadedAt"/>. A <see cref="GraphException.OutcomeUnknown"/> failure means Graph may have created
        /// it anyway; sending it again with the same stamp makes a copy recognisable as one.
        /// </summary>
        public async Task<CertificateRecord> CreateAsync(X509Certificate2 certificate, string status, DateTimeOffset uploadedAt, RequestLog? log, CancellationToken cancellationToken)
        {
            var body = CertificateJson.ToBody(certificate, uploadedAt, status);
            var created = await _graph.SendAsync("POST", CollectionPath, body, log, cancellationToken).ConfigureAwait(false);
            // Graph answers 201 with the entity; an answer without one is read as what was sent.
            return CertificateJson.ToRecord(created ?? body);
        }

        /// <summary>
        /// Replaces the certificate (every property derived from it), the status, or both; the entry as it is now, read
        /// back when Graph answers 204 (its OpenAPI says so; its docs say 200 with the entity).
        /// </summary>
        public async Task<CertificateRecord?> UpdateAsync(string id, X509Certificate2? certificate, string? status, RequestLog? log, CancellationToken cancellationToken)
        {
            var body = certificate is not null ? CertificateJson.ToBody(certificate, Clock.UtcNow, status) : CertificateJson.StatusBody(status ?? throw new ArgumentNullException(nameof(status)));
            var updated = await _graph.SendAsync("PATCH", ItemPath(id), body, log, cancellationToken).ConfigureAwait(false);
            return updated is not null ? CertificateJson.ToRecord(updated) : await GetAsync(id, log, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Removes the certificate with <paramref name="id"/>.</summary>
        public Task DeleteAsync(string id, RequestLog? log, CancellationToken cancellationToken) =>
            _graph.SendAsync("DELETE", ItemPath(id), null, log, cancellationToken);

        /// <summary>True once closed (<see cref="Close"/>): no call goes through it any more.</summary>
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

        /// <summary>
        /// Holds the connection open for one call of a command (every request it makes for one input): true, and then
        /// <see cref="EndCall"/> once the call ended; false once it is closed, and the caller must send nothing.
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
                if (_calls == 0)
                {
                    // An end without a beginning would count a running call as ended and free the client under it.
                    throw new InvalidOperationException("EndCall without a call that TryBeginCall began.");
                }

                if (--_calls > 0 || !_closed)
                {
                    return;
                }
            }

            _graph.Dispose();
        }

        /// <summary>
        /// Closes the connection (Disconnect-): later calls are refused, from any runspace; the calls running now finish,
        /// and the last of them frees the HTTP client and the tokens, so no request in flight is cut off mid-answer.
        /// </summary>
        public void Close()
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

            _graph.Dispose();
        }

        /// <summary><see cref="Close"/>: a call still running keeps the client until it ends.</summary>
        public void Dispose() => Close();

        private static string ItemPath(string id) => CollectionPath + "/" + Uri.EscapeDataString(id);

        private static string Query(string? filter, string? select)
        {
            var query = new List<string>();
            if (filter is not null)
            {
                query.Add("$filter=" + Uri.EscapeDataString(filter));
            }

            if (select is not null)
            {
                query.Add("$select=" + select);
            }

            return query.Count == 0 ? string.Empty : "?" + string.Join("&", query);
        }
    }

    /// <summary>
    /// One enterprise code-signing certificate as Graph holds it, in BCL types: each property is read from the entity's
    /// JSON (<see cref="CertificateJson"/>), dates as UTC, content decoded; what this version does not know is ignored.
    /// </summary>
    public sealed class CertificateRecord
    {
        private readonly IReadOnlyDictionary<string, object?> _json;

        internal CertificateRecord(IReadOnlyDictionary<string, object?> json)
        {
            _json = json;
        }

        /// <summary>The id Graph assigned.</summary>
        public string? Id => CertificateJson.Text(_json, "id");

        /// <summary>The status as Graph spells it: notProvisioned, provisioned, or a newer value.</summary>
        public string? Status => CertificateJson.Text(_json, "status");

        /// <summary>The subject distinguished name.</summary>
        public string? Subject => CertificateJson.Text(_json, "subject");

        /// <summary>The subject's simple name.</summary>
        public string? SubjectName => CertificateJson.Text(_json, "subjectName");

        /// <summary>The issuer distinguished name.</summary>
        public string? Issuer => CertificateJson.Text(_json, "issuer");

        /// <summary>The issuer's simple name.</summary>
        public string? IssuerName => CertificateJson.Text(_json, "issuerName");

        /// <summary>When the certificate expires, in UTC.</summary>
        public DateTimeOffset? ExpirationDateTime => CertificateJson.Date(_json, "expirationDateTime");

        /// <summary>When it was uploaded, in UTC.</summary>
        public DateTimeOffset? UploadDateTime => CertificateJson.Date(_json, "uploadDateTime");

        /// <summary>The DER bytes; null when Graph did not return them (it clears them once uploaded). Decoded at each read.</summary>
        public byte[]? Content => CertificateJson.Bytes(_json, "content");
    }

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

        /// <summary>Whether -Verbose output is wanted: a log made for the progress bar alone builds no request lines.</summary>
        public bool VerboseWanted => _verbose is not null;

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
