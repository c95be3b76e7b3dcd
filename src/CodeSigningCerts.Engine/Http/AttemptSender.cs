using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CodeSigningCerts.Engine.Json;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// One attempt of a Graph request: wait for a write slot, send with a fresh client-request-id and a timeout of its
    /// own, read the whole answer, narrate it, and return it as an <see cref="Attempt"/>. A lost answer (a timeout, a
    /// reset) or a success whose body is not JSON is the attempt's failure; only a proxy's 407 and Ctrl+C are thrown.
    /// </summary>
    internal sealed class AttemptSender
    {
        private readonly HttpClient _http;
        private readonly string _userAgent;
        private readonly TimeSpan _timeout;
        private readonly WritePacer? _pacer;
        private readonly TimeProvider _time;

        public AttemptSender(HttpClient http, string userAgent, TimeSpan timeout, WritePacer? pacer, TimeProvider time)
        {
            _time = time;
            _http = http;
            _userAgent = userAgent;
            _timeout = timeout;
            _pacer = pacer;
        }

        public async ValueTask<Attempt> SendAsync(GraphRequest request, AccessToken token, int number, CancellationToken cancellationToken)
        {
            if (!request.IsWrite || _pacer is null)
            {
                return await ExchangeAsync(request, token, number, cancellationToken).ConfigureAwait(false);
            }

            // Before the timeout starts: waiting for a slot is not the request being slow. The slot is held until this
            // attempt is over, answer read (WritePacer says why).
            var slot = await _pacer.TakeSlotAsync(request.Log, cancellationToken).ConfigureAwait(false);
            try
            {
                return await ExchangeAsync(request, token, number, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _pacer.Release(slot);
            }
        }

        private async ValueTask<Attempt> ExchangeAsync(GraphRequest request, AccessToken token, int number, CancellationToken cancellationToken)
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

                var answer = Read(response, bytes, request, number, clientRequestId, _time.GetUtcNow());
                log?.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} in {3} ms (request-id {4}){5}", request.Method, request.Uri.PathAndQuery, answer.StatusCode, (long)_time.GetElapsedTime(started).TotalMilliseconds, answer.RequestId ?? "none", number > 1 ? ", retry " + (number - 1).ToString(CultureInfo.InvariantCulture) : string.Empty));
                if (log?.DebugWanted == true)
                {
                    // A server may quote the token back in its answer, where the JWT pattern alone misses an opaque token.
                    log.Debug(TokenRedaction.Redact(RequestDebugText.Describe(response, answer.Text), token.Token)!);
                }

                if (!answer.IsSuccess)
                {
                    return answer;
                }

                try
                {
                    answer.Body = CertificateJson.TryParseObject(new StringReader(answer.Text));
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

        private HttpRequestMessage BuildMessage(GraphRequest request, AccessToken token, string clientRequestId, int retry)
        {
            // The token is visible ASCII: Entra's own, or checked at Connect when the user brought it.
            var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Uri);
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token.Token);
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

        /// <summary>The attempt Graph answered, as a value: a success's text as UTF-8 (Graph's JSON), an error's as its charset says.</summary>
        private static Attempt Read(HttpResponseMessage response, byte[] bytes, GraphRequest request, int number, string clientRequestId, DateTimeOffset now)
        {
            var status = (int)response.StatusCode;
            var text = response.IsSuccessStatusCode ? DecodeUtf8(bytes) : Decode(bytes, response.Content?.Headers.ContentType?.CharSet);
            var location = response.Headers.Location;
            return new Attempt(request, number, status, response.ReasonPhrase, FirstHeader(response, "request-id"), clientRequestId, text)
            {
                MediaType = response.Content?.Headers.ContentType?.MediaType,
                Location = location is null ? null : location.IsAbsoluteUri ? location : new Uri(request.Uri, location),
                RetryAfter = RetryPolicy.ReadRetryAfter(response, now),
            };
        }

        // As a StreamReader reads it: a byte order mark, if any, is not part of the text.
        private static string DecodeUtf8(byte[] bytes)
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        // An error answer's text: as its charset says, or as UTF-8 when the charset is one .NET does not know.
        private static string Decode(byte[] bytes, string? charset)
        {
            if (!string.IsNullOrEmpty(charset))
            {
                try
                {
                    return Encoding.GetEncoding(charset!.Trim('"')).GetString(bytes);
                }
                catch (ArgumentException)
                {
                    // Not a charset .NET knows: read as UTF-8 below.
                }
            }

            return DecodeUtf8(bytes);
        }

        private static string? FirstHeader(HttpResponseMessage response, string name)
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

        private static string InnermostMessage(Exception ex)
        {
            while (ex.InnerException is not null)
            {
                ex = ex.InnerException;
            }

            return ex.Message;
        }
    }
}
