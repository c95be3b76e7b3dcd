using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CodeSigningCerts.Engine.Http;

namespace CodeSigningCerts.Engine
{
    /// <summary>
    /// Sends Graph requests for one connection through one pipeline: a bearer token only to the connected
    /// host, a fresh client-request-id and a timeout per attempt, writes paced under Intune's limit,
    /// retries of 429/503 (and of 502/504 for all but a POST, whose answer is then lost) that honour Retry-After, one retry with a renewed token after a 401, and
    /// OData errors turned into <see cref="GraphException"/>.
    /// </summary>
    public sealed class GraphClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly ITokenSource _tokens;
        private readonly GraphClientOptions _options;
        private readonly Uri _versionRoot;
        private readonly WritePacer? _pacer;
        private readonly GraphRetryPipeline _retries;
        private readonly AttemptSender _sender;

        // The latest relative path resolved, and its Uri: one object, swapped whole, so threads never see half of it.
        private Tuple<string, Uri>? _lastResolved;

        /// <summary>Creates a client for one connection.</summary>
        public GraphClient(GraphClientOptions options, ITokenSource tokens)
            : this(options, tokens, CreateHandler(options?.Proxy))
        {
        }

        internal GraphClient(GraphClientOptions options, ITokenSource tokens, HttpMessageHandler handler)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
            // The timeout is one attempt's: HttpClient's own covers sending and reading the whole answer.
            _http = new HttpClient(handler, disposeHandler: true) { Timeout = options.Timeout > TimeSpan.Zero ? options.Timeout : Timeout.InfiniteTimeSpan };
            NetFrameworkNetworking.AllowTls12();
            NetFrameworkNetworking.ConfigureForGraph(handler, _http, NetFrameworkNetworking.IsNetFramework);
            _versionRoot = new Uri(options.GraphEndpoint.GetLeftPart(UriPartial.Authority) + "/" + options.ApiVersion.Trim('/') + "/");
            _retries = new GraphRetryPipeline(options.MaxRetryCount);
            _pacer = options.WriteLimit > 0 ? new WritePacer(options.WriteLimit) : null;
            _sender = new AttemptSender(_http, options.UserAgent, options.Timeout, _pacer);
        }

        /// <summary>The Graph root this client talks to.</summary>
        public Uri GraphEndpoint => _options.GraphEndpoint;

        /// <summary>Sends one request; throws <see cref="GraphException"/> for anything but success.</summary>
        public async Task<GraphResponse> SendAsync(GraphRequest request, RequestLog? log, CancellationToken cancellationToken)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var uri = ResolveUri(request.Path);
            var body = request.Body is null ? null : JsonBody.SerializeUtf8(request.Body);
            var token = await _tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
            var call = new GraphCall(request.Method, uri, body, token, log);
            var response = await _retries.ExecuteAsync(call, _sender.SendAsync, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && _tokens.CanRefresh)
            {
                // The token was revoked or expired early: one more round with a freshly acquired token.
                response.Dispose();
                log?.Verbose("Graph refused the token (401); retrying once with a renewed token.");
                token = await _tokens.GetTokenAsync(true, cancellationToken).ConfigureAwait(false);
                call = call.WithToken(token);
                response = await _retries.ExecuteAsync(call, _sender.SendAsync, cancellationToken).ConfigureAwait(false);
            }

            using (response)
            {
                return Interpret(call, response);
            }
        }

        /// <summary>Resolves a relative path against {graph}/{version}/; an absolute link must stay on the connected host.</summary>
        internal Uri ResolveUri(string path)
        {
            // Every upload goes to the same collection: its Uri is built once, not parsed again per certificate.
            var last = _lastResolved;
            if (last is not null && string.Equals(last.Item1, path, StringComparison.Ordinal))
            {
                return last.Item2;
            }

            if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
            {
                if (!HostGuard.IsConnectedHost(absolute, _versionRoot))
                {
                    throw HostGuard.Refuse("a link", absolute, _versionRoot);
                }

                return absolute;
            }

            var resolved = new Uri(_versionRoot, path.TrimStart('/'));
            _lastResolved = Tuple.Create(path, resolved);
            return resolved;
        }

        private GraphResponse Interpret(GraphCall call, HttpResponseMessage response)
        {
            var status = (int)response.StatusCode;
            var requestId = call.RequestId;
            if (status >= 200 && status < 300)
            {
                return new GraphResponse(status, call.ResponseBody, requestId, call.ClientRequestId);
            }

            // Redirects are never followed (the handler's AllowAutoRedirect is off): one to another host is
            // named as the refusal it is; one to this host is an error like any other unexpected status.
            if (status >= 300 && status < 400 && response.Headers.Location is { } location)
            {
                var target = location.IsAbsoluteUri ? location : new Uri(call.Uri, location);
                if (!HostGuard.IsConnectedHost(target, _versionRoot))
                {
                    throw HostGuard.Refuse("a redirect", target, _versionRoot, status, requestId, call.ClientRequestId);
                }
            }

            throw ODataError.ToException(call, response, requestId);
        }

        internal static string? FirstHeader(HttpResponseMessage response, string name)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                {
                    return value;
                }
            }

            return null;
        }

        private static HttpMessageHandler CreateHandler(ProxySettings? proxy) => new HttpClientHandler
        {
            // The user's proxy or the system's, never for loopback (the emulator) or link-local.
            Proxy = DirectToLocalProxy.For(proxy),
            UseProxy = true,
            // A redirect would carry the request, and its token, elsewhere; Graph does not redirect these calls.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
        };

        /// <inheritdoc />
        public void Dispose()
        {
            _http.Dispose();
            _pacer?.Dispose();
        }
    }
}
