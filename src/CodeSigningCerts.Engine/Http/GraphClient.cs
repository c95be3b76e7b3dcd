using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CodeSigningCerts.Engine.Json;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// Sends Graph requests for one connection: a bearer token only to the connected host, attempts paced under
    /// Intune's write limit and retried as <see cref="RetryPolicy"/> says, one more round with a renewed token after a
    /// 401, and anything but a success thrown as a <see cref="GraphException"/>.
    /// </summary>
    internal sealed class GraphClient : IDisposable
    {
        private readonly HttpClient _http;
        private readonly ITokenSource _tokens;
        private readonly Uri _versionRoot;
        private readonly WritePacer? _pacer;
        private readonly RetryPolicy _retries;
        private readonly AttemptSender _sender;

        public GraphClient(GraphClientOptions options, ITokenSource tokens)
        {
            _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
            // No HttpClient timeout: each attempt's own runs on the connection's clock (AttemptSender).
            if (options.Handler is { } given)
            {
                _http = new HttpClient(given, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
            }
            else
            {
                var handler = HttpHandlers.ForGraph(options.Proxy);
                _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
                NetFrameworkNetworking.ConfigureForGraph(handler, _http, NetFrameworkNetworking.IsNetFramework);
            }

            _versionRoot = new Uri(options.GraphEndpoint.GetLeftPart(UriPartial.Authority) + "/" + options.ApiVersion.Trim('/') + "/");
            var time = options.Clock.Time;
            _retries = new RetryPolicy(options.MaxRetryCount, time);
            _pacer = options.WriteLimit > 0 ? new WritePacer(options.WriteLimit, time) : null;
            _sender = new AttemptSender(_http, options.UserAgent, options.Timeout, _pacer, time);
        }

        /// <summary>
        /// Sends <paramref name="method"/> to <paramref name="path"/> (relative to the API version, or a nextLink); the
        /// success's JSON object (null when it has no body), or a <see cref="GraphException"/>.
        /// </summary>
        public async Task<IReadOnlyDictionary<string, object?>?> SendAsync(string method, string path, object? body, RequestLog? log, CancellationToken cancellationToken)
        {
            var request = new GraphRequest(method, ResolveUri(path), body is null ? null : CertificateJson.Serialize(body), log);
            var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            var attempt = await SendWithRetriesAsync(request, token, cancellationToken).ConfigureAwait(false);
            if (attempt.StatusCode == (int)HttpStatusCode.Unauthorized && _tokens.CanRefresh)
            {
                // The token was revoked or expired early: one more round with a freshly acquired token.
                log?.Verbose("Graph refused the token (401); retrying once with a renewed token.");
                token = await _tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);
                attempt = await SendWithRetriesAsync(request, token, cancellationToken).ConfigureAwait(false);
            }

            if (attempt.Failure is { } failure)
            {
                throw failure;
            }

            if (attempt.IsSuccess)
            {
                return attempt.Body;
            }

            // Redirects are never followed (the handler's AllowAutoRedirect is off): one to another host is
            // named as the refusal it is; one to this host is an error like any other unexpected status.
            if (attempt.StatusCode >= 300 && attempt.StatusCode < 400 && attempt.Location is { } target && !HostGuard.IsConnectedHost(target, _versionRoot))
            {
                throw HostGuard.Refuse("a redirect", target, _versionRoot, attempt.StatusCode, attempt.RequestId, attempt.ClientRequestId);
            }

            throw ODataError.ToException(attempt, token);
        }

        /// <summary>Resolves a relative path against {graph}/{version}/; an absolute link must stay on the connected host.</summary>
        private Uri ResolveUri(string path)
        {
            if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
            {
                return HostGuard.IsConnectedHost(absolute, _versionRoot) ? absolute : throw HostGuard.Refuse("a link", absolute, _versionRoot);
            }

            return new Uri(_versionRoot, path.TrimStart('/'));
        }

        private Task<Attempt> SendWithRetriesAsync(GraphRequest request, AccessToken token, CancellationToken cancellationToken) =>
            _retries.ExecuteAsync((number, ct) => _sender.SendAsync(request, token, number, ct), cancellationToken).AsTask();

        public void Dispose()
        {
            _http.Dispose();
            _pacer?.Dispose();
        }
    }
}
