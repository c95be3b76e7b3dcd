using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using CodeSigningCerts.Engine.Json;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// Sends Graph requests for one connection: a bearer token only to the connected host, attempts paced under
    /// Intune's write limit and retried as <see cref="RetryPolicy"/> says, one more round with a renewed token after a
    /// 401, and anything but a success thrown as a <see cref="GraphException"/>.
    /// </summary>
    /// <remarks>
    /// Intune's write limit: 100 writes (POST, PATCH, DELETE) per 20 s per app and tenant, sliding, every attempt counted.
    /// Intune stamps a write when it receives it, before the answer but at a moment this client never sees; so a write's
    /// slot is taken before it is sent and held <see cref="WriteSlotHold"/> after its attempt ended (answered, failed or
    /// cancelled). No write then goes within Intune's 20 s of the one whose slot it takes, however slow the network, and
    /// writes sent back to back need no margin for the slowest send.
    /// </remarks>
    internal sealed class GraphClient : IDisposable
    {
        // Intune's window, and a timer's slack: a timer may fire up to one tick of the system clock early (15.6 ms on Windows).
        private static readonly TimeSpan WriteSlotHold = TimeSpan.FromSeconds(20) + TimeSpan.FromMilliseconds(50);

        private readonly HttpClient _http;
        private readonly ITokenSource _tokens;
        private readonly Uri _versionRoot;
        private readonly string _userAgent;
        private readonly TimeSpan _timeout;
        private readonly TimeProvider _time;
        private readonly ConcurrencyLimiter? _writeSlots;
        private readonly RetryPolicy _retries;

        public GraphClient(GraphClientOptions options, ITokenSource tokens)
        {
            _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
            // No HttpClient timeout: each attempt's own runs on the connection's clock (ExchangeAsync).
            if (options.Handler is { } given)
            {
                _http = new HttpClient(given, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
            }
            else
            {
                var handler = HttpHandlers.ForGraph(options.GraphEndpoint, options.Proxy);
                _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
                NetFrameworkNetworking.ConfigureForGraph(handler, _http, NetFrameworkNetworking.IsNetFramework);
            }

            _versionRoot = new Uri(options.GraphEndpoint.GetLeftPart(UriPartial.Authority) + "/" + options.ApiVersion.Trim('/') + "/");
            _userAgent = options.UserAgent;
            _timeout = options.Timeout;
            _time = options.Clock.Time;
            _retries = new RetryPolicy(options.MaxRetryCount, _time);
            _writeSlots = options.WriteLimit <= 0 ? null : new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = options.WriteLimit,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
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

        private Task<Attempt> SendWithRetriesAsync(GraphRequest request, string token, CancellationToken cancellationToken) =>
            _retries.ExecuteAsync((number, ct) => SendAttemptAsync(request, token, number, ct), cancellationToken).AsTask();

        /// <summary>One attempt: a write takes its write slot first (the class's remarks say why), then the exchange.</summary>
        private async ValueTask<Attempt> SendAttemptAsync(GraphRequest request, string token, int number, CancellationToken cancellationToken)
        {
            if (!request.IsWrite || _writeSlots is null)
            {
                return await ExchangeAsync(request, token, number, cancellationToken).ConfigureAwait(false);
            }

            // Before the timeout starts: waiting for a slot is not the request being slow.
            var slot = await TakeWriteSlotAsync(request.Log, cancellationToken).ConfigureAwait(false);
            try
            {
                return await ExchangeAsync(request, token, number, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Held on after the attempt, answer read. The delay's timer is rooted while it waits (an unreferenced
                // System.Threading.Timer may be collected first).
                _ = _time.Delay(WriteSlotHold, CancellationToken.None).ContinueWith((_, state) => ((RateLimitLease)state!).Dispose(), slot, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        /// <summary>A write slot, at once or when one frees; a cancelled token (Ctrl+C) ends the wait at once.</summary>
        private async Task<RateLimitLease> TakeWriteSlotAsync(RequestLog? log, CancellationToken cancellationToken)
        {
            var slot = _writeSlots!.AttemptAcquire(1);
            if (slot.IsAcquired)
            {
                return slot;
            }

            slot.Dispose();
            log?.Verbose("Pacing writes to stay inside Intune's limit of 100 per 20 seconds (Connect -WriteLimit): waiting for a free slot.");
            log?.Waiting("Intune's write limit of 100 per 20 seconds per app and tenant (Connect -WriteLimit)", WriteSlotHold, atMost: true);
            slot = await _writeSlots.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!slot.IsAcquired)
            {
                // The queue is unbounded, so only disposal refuses a slot: the connection was closed.
                slot.Dispose();
                throw new ObjectDisposedException(nameof(GraphClient), "The connection was closed while a write waited for its turn.");
            }

            return slot;
        }

        /// <summary>
        /// Sends with a fresh client-request-id and a timeout of its own, reads the whole answer, narrates it, and returns
        /// it as an <see cref="Attempt"/>. A lost answer (a timeout, a reset) or a success whose body is not JSON is the
        /// attempt's failure; only a proxy's 407 and Ctrl+C are thrown.
        /// </summary>
        private async ValueTask<Attempt> ExchangeAsync(GraphRequest request, string token, int number, CancellationToken cancellationToken)
        {
            var clientRequestId = Guid.NewGuid().ToString();
            using var message = BuildMessage(request, token, clientRequestId, number - 1);
            var log = request.Log;
            if (log?.DebugWanted == true)
            {
                log.Debug(RequestDebugText.Describe(message, request.BodyText));
            }

            var started = _time.GetTimestamp();
            HttpResponseMessage response;
            byte[] bytes;
            try
            {
                // The attempt's timeout runs on the connection's clock. ResponseContentRead: the body is read inside it,
                // so a stalled body is a timeout too.
                using var timeout = _timeout > TimeSpan.Zero ? _time.CreateCancellationTokenSource(_timeout) : new CancellationTokenSource();
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attempt.Token).ConfigureAwait(false);
                bytes = response.Content is null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new Attempt(request, number, new GraphException(
                    GraphFailure.Timeout,
                    string.Format(CultureInfo.InvariantCulture, "{0} got no answer within {1:0.#} s.", request.Description, _timeout.TotalSeconds),
                    clientRequestId: clientRequestId,
                    outcomeUnknown: true));
            }
            catch (HttpRequestException ex) when (ProxyRefusal.AskedForCredentials(ex))
            {
                throw ProxyRefusal.Failure(request, clientRequestId, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
            {
                return new Attempt(request, number, new GraphException(
                    GraphFailure.Network,
                    request.Description + " failed before Graph answered: " + InnermostMessage(ex),
                    clientRequestId: clientRequestId,
                    innerException: ex,
                    outcomeUnknown: !NetworkFailure.NeverSent(ex)));
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired)
                {
                    // A proxy's answer to a plain-http request: not Graph's, and not to be retried.
                    throw ProxyRefusal.Failure(request, clientRequestId, null);
                }

                var answer = Attempt.FromAnswer(response, bytes, request, number, clientRequestId, _time.GetUtcNow(), successText: log?.DebugWanted == true);
                if (log?.VerboseWanted == true)
                {
                    log.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} in {3} ms (request-id {4}){5}", request.Method, request.Uri.PathAndQuery, answer.StatusCode, (long)_time.GetElapsedTime(started).TotalMilliseconds, answer.RequestId ?? "none", number > 1 ? ", retry " + (number - 1).ToString(CultureInfo.InvariantCulture) : string.Empty));
                }

                if (log?.DebugWanted == true)
                {
                    // A server may quote the token back in its answer, where the JWT pattern alone misses an opaque token.
                    log.Debug(TokenRedaction.Redact(RequestDebugText.Describe(response, answer.Text), token)!);
                }

                if (!answer.IsSuccess)
                {
                    return answer;
                }

                try
                {
                    // Parsed from the bytes: a success's text is built only for -Debug.
                    using var body = Attempt.Utf8Reader(bytes);
                    answer.Body = CertificateJson.TryParseObject(body);
                    return answer;
                }
                catch (FormatException ex)
                {
                    // A success must carry Graph's JSON, or nothing; anything else (a cut body, a proxy's page) means the answer was lost.
                    return new Attempt(request, number, new GraphException(
                        GraphFailure.MalformedResponse,
                        string.Format(CultureInfo.InvariantCulture, "{0} answered {1} with a body that is not a Graph JSON object ({2}): {3}", request.Description, answer.StatusCode, answer.MediaType ?? "no content type", ex.Message),
                        answer.StatusCode,
                        requestId: answer.RequestId,
                        clientRequestId: clientRequestId,
                        innerException: ex,
                        outcomeUnknown: true));
                }
            }
        }

        private HttpRequestMessage BuildMessage(GraphRequest request, string token, string clientRequestId, int retry)
        {
            // The token is visible ASCII: Entra's own, or checked at Connect when the user brought it.
            var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Uri);
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            message.Headers.TryAddWithoutValidation("client-request-id", clientRequestId);
            message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            if (retry > 0)
            {
                message.Headers.TryAddWithoutValidation("Retry-Attempt", retry.ToString(CultureInfo.InvariantCulture));
            }

            if (request.Body is not null)
            {
                message.Content = new ByteArrayContent(request.Body);
                message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
            }

            return message;
        }

        private static string InnermostMessage(Exception ex)
        {
            while (ex.InnerException is not null)
            {
                ex = ex.InnerException;
            }

            return ex.Message;
        }

        public void Dispose()
        {
            _http.Dispose();
            // Refuses the writes still waiting; slots still held free on their own.
            _writeSlots?.Dispose();
        }
    }
}
