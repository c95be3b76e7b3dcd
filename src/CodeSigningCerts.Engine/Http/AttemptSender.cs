using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// One attempt of a Graph request: wait for a write slot, send with a fresh client-request-id and a
    /// timeout of its own, read the whole answer, narrate it. A lost answer or a success whose body is not
    /// JSON becomes a <see cref="GraphException"/>; any other answer is returned for the retry pipeline to judge.
    /// </summary>
    internal sealed class AttemptSender
    {
        // The reader's buffer for an answer parsed from its bytes: Newtonsoft reads through it in pooled chunks of its own.
        private const int AnswerBufferBytes = 512;

        private readonly HttpClient _http;
        private readonly string _userAgent;
        private readonly TimeSpan _timeout;
        private readonly WritePacer? _pacer;

        public AttemptSender(HttpClient http, string userAgent, TimeSpan timeout, WritePacer? pacer)
        {
            _http = http;
            _userAgent = userAgent;
            _timeout = timeout;
            _pacer = pacer;
        }

        public async ValueTask<HttpResponseMessage> SendAsync(GraphCall call, CancellationToken cancellationToken)
        {
            // Before the timeout starts: waiting for a slot is not the request being slow. The slot is held until this
            // attempt is over, answer read (WritePacer says why).
            using var writeSlot = call.IsWrite && _pacer is not null ? await _pacer.TakeSlotAsync(call.Log, cancellationToken).ConfigureAwait(false) : null;

            var clientRequestId = Guid.NewGuid().ToString();
            var retry = call.BeginAttempt(clientRequestId);
            using var message = BuildMessage(call, clientRequestId, retry);
            var debug = call.Log?.DebugWanted == true;
            if (debug)
            {
                call.Log!.Debug(RequestDebugText.Describe(message, call.BodyText));
            }

            var stopwatch = Stopwatch.StartNew();
            HttpResponseMessage response;
            Stream? answer = null;
            try
            {
                // The attempt's timeout is the HttpClient's own (GraphClient sets it), so no linked token source of our
                // own per attempt (bench/README.md). ResponseContentRead: the body is read inside it, so a stalled body is a timeout too.
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                answer = await ReadAnswerAsync(call, response, debug).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new GraphException(
                    GraphFailure.Timeout,
                    string.Format(CultureInfo.InvariantCulture, "{0} got no answer within {1:0.#} s.", call.Description, _timeout.TotalSeconds),
                    clientRequestId: clientRequestId,
                    outcomeUnknown: true);
            }
            catch (HttpRequestException ex) when (ProxyRefusal.AskedForCredentials(ex))
            {
                throw ProxyRefusal.Failure(call, clientRequestId, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
            {
                throw new GraphException(
                    GraphFailure.Network,
                    call.Description + " failed before Graph answered: " + InnermostMessage(ex),
                    clientRequestId: clientRequestId,
                    innerException: ex,
                    outcomeUnknown: !NetworkFailure.NeverSent(ex));
            }

            if (response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired)
            {
                // A proxy's answer to a plain-http request: not Graph's, and not to be retried.
                response.Dispose();
                throw ProxyRefusal.Failure(call, clientRequestId, null);
            }

            var requestId = call.RequestId = GraphClient.FirstHeader(response, "request-id");
            call.Log?.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} in {3} ms (request-id {4}){5}", call.Method, call.Uri.PathAndQuery, (int)response.StatusCode, stopwatch.ElapsedMilliseconds, requestId ?? "none", retry > 0 ? ", retry " + retry.ToString(CultureInfo.InvariantCulture) : string.Empty));
            if (debug)
            {
                // A server may quote the token back in its answer, where the JWT pattern alone misses an opaque token.
                call.Log!.Debug(TokenRedaction.Redact(RequestDebugText.Describe(response, call.ResponseText), call.Token.Token)!);
            }

            if (response.IsSuccessStatusCode)
            {
                using var text = answer is null ? (TextReader)new StringReader(call.ResponseText) : new StreamReader(answer, Encoding.UTF8, true, AnswerBufferBytes);
                ParseSuccessBody(call, response, requestId, text);
            }

            return response;
        }

        private HttpRequestMessage BuildMessage(GraphCall call, string clientRequestId, int retry)
        {
            // Headers this module writes itself are added as text, not parsed back from header objects: once per
            // certificate, parsing was measurable (bench/README.md). The token is visible ASCII: Entra's own, or checked at
            // Connect when the user brought it.
            var message = new HttpRequestMessage(new HttpMethod(call.Method), call.Uri);
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + call.Token.Token);
            message.Headers.TryAddWithoutValidation("client-request-id", clientRequestId);
            message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            message.Headers.TryAddWithoutValidation("Accept", "application/json");
            if (retry > 0)
            {
                message.Headers.TryAddWithoutValidation("Retry-Attempt", retry.ToString(CultureInfo.InvariantCulture));
            }

            if (call.Body is not null)
            {
                message.Content = new ByteArrayContent(call.Body);
                message.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
            }

            return message;
        }

        /// <summary>A success must carry Graph's JSON, or nothing; anything else (a cut body, a proxy's page) means the answer was lost.</summary>
        private static void ParseSuccessBody(GraphCall call, HttpResponseMessage response, string? requestId, TextReader text)
        {
            try
            {
                call.ResponseBody = JsonBody.TryParseObject(text);
            }
            catch (FormatException ex)
            {
                var status = (int)response.StatusCode;
                var mediaType = response.Content?.Headers.ContentType?.MediaType ?? "no content type";
                response.Dispose();
                throw new GraphException(
                    GraphFailure.MalformedResponse,
                    string.Format(CultureInfo.InvariantCulture, "{0} answered {1} with a body that is not a Graph JSON object ({2}): {3}", call.Description, status, mediaType, ex.Message),
                    status,
                    requestId: requestId,
                    clientRequestId: call.ClientRequestId,
                    innerException: ex,
                    outcomeUnknown: true);
            }
        }

        /// <summary>
        /// What a success is parsed from: the bytes read, not first copied into a string (once per certificate,
        /// bench/README.md). An answer's text is read only for an error, which is read from it, and for -Debug.
        /// </summary>
        private static async Task<Stream?> ReadAnswerAsync(GraphCall call, HttpResponseMessage response, bool debug)
        {
            if (!response.IsSuccessStatusCode || response.Content is null)
            {
                call.ResponseText = await ReadTextAsync(response.Content).ConfigureAwait(false);
                return null;
            }

            var answer = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            if (debug)
            {
                call.ResponseText = ReadTextAgain(answer);
            }

            return answer;
        }

        /// <summary>
        /// The text of a success for -Debug, from its bytes, which are then read again from the start to be parsed. The
        /// answer was buffered whole (ResponseContentRead), so its stream is one over memory, and can be rewound.
        /// </summary>
        private static string ReadTextAgain(Stream answer)
        {
            using var reader = new StreamReader(answer, Encoding.UTF8, true, AnswerBufferBytes, leaveOpen: true);
            var text = reader.ReadToEnd();
            answer.Position = 0;
            return text;
        }

        /// <summary>An error answer's text: as its charset says, or as UTF-8 when the charset is one .NET does not know.</summary>
        private static async Task<string> ReadTextAsync(HttpContent? content)
        {
            if (content is null)
            {
                return string.Empty;
            }

            try
            {
                return await content.ReadAsStringAsync().ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                return Encoding.UTF8.GetString(await content.ReadAsByteArrayAsync().ConfigureAwait(false));
            }
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
