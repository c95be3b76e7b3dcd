using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;

namespace CodeSigningCerts.Engine.Http
{
    // A request and one attempt at it (Graph's answer, or the failure that left none): the values the send path passes along.

    /// <summary>One Graph request as every attempt sends it: the method, the resolved address, the JSON body's bytes, and where it is narrated.</summary>
    internal sealed class GraphRequest
    {
        public GraphRequest(string method, Uri uri, byte[]? body, RequestLog? log)
        {
            (Method, Uri, Body, Log) = (method, uri, body, log);
        }

        /// <summary>GET, POST, PATCH or DELETE.</summary>
        public string Method { get; }

        public Uri Uri { get; }

        /// <summary>The JSON body's UTF-8 bytes, serialized once so every attempt sends the same bytes.</summary>
        public byte[]? Body { get; }

        /// <summary>The body as text, for -Debug.</summary>
        public string? BodyText => Body is null ? null : Encoding.UTF8.GetString(Body);

        public RequestLog? Log { get; }

        /// <summary>POST, PATCH and DELETE count against Intune's write limit.</summary>
        public bool IsWrite => !string.Equals(Method, "GET", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Whether sending the request twice leaves the same result as sending it once: every method but POST (a PATCH or
        /// DELETE of one id ends the same however often it arrives). A POST creates another entry each time.
        /// </summary>
        public bool IsIdempotent => !string.Equals(Method, "POST", StringComparison.OrdinalIgnoreCase);

        /// <summary>For messages: the method and the path, never the query's tokens or the host.</summary>
        public string Description => Method + " " + Uri.AbsolutePath;
    }

    /// <summary>
    /// One attempt of a request, as a value: what Graph answered, read whole (the status, the ids, the text, and the JSON
    /// object of a success), or the failure that left no answer (a timeout, a reset, a body that is not JSON). The retry
    /// policy judges it; the client turns the last one into a result or an exception.
    /// </summary>
    internal sealed class Attempt
    {
        /// <summary>An attempt Graph answered.</summary>
        public Attempt(GraphRequest request, int number, int statusCode, string? reasonPhrase, string? requestId, string clientRequestId, string text)
        {
            (Request, Number, StatusCode, ReasonPhrase, RequestId, ClientRequestId, Text) = (request, number, statusCode, reasonPhrase, requestId, clientRequestId, text);
        }

        /// <summary>An attempt that left no answer to read.</summary>
        public Attempt(GraphRequest request, int number, GraphException failure)
        {
            (Request, Number, Failure, ClientRequestId, Text) = (request, number, failure, failure.ClientRequestId, string.Empty);
        }

        public GraphRequest Request { get; }

        /// <summary>1 for the first attempt.</summary>
        public int Number { get; }

        /// <summary>Why there is no answer; null when Graph answered.</summary>
        public GraphException? Failure { get; }

        /// <summary>The HTTP status; null when there is no answer (<see cref="Failure"/>).</summary>
        public int? StatusCode { get; }

        public string? ReasonPhrase { get; }

        /// <summary>Graph's request-id header.</summary>
        public string? RequestId { get; }

        /// <summary>The client-request-id this attempt carried.</summary>
        public string? ClientRequestId { get; }

        /// <summary>The body's text: an error's always, a success's only when -Debug shows it (empty otherwise).</summary>
        public string Text { get; }

        /// <summary>A success's JSON object; null for an error, or a success with no body (204).</summary>
        public IReadOnlyDictionary<string, object?>? Body { get; set; }

        /// <summary>The body's media type, for a message about a body that is not Graph's.</summary>
        public string? MediaType { get; set; }

        /// <summary>A redirect's Location, resolved against the request.</summary>
        public Uri? Location { get; set; }

        /// <summary>The wait before a retry, as <see cref="RetryPolicy.ReadRetryAfter"/> reads it when the answer arrived; null when none was named.</summary>
        public TimeSpan? RetryAfter { get; set; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        /// <summary>"429 Too Many Requests".</summary>
        public string Status => StatusCode?.ToString(CultureInfo.InvariantCulture) + " " + ReasonPhrase;

        /// <summary>What went wrong, for the retry's verbose line and the progress bar.</summary>
        public string Reason => Failure?.Message ?? Status;

        /// <summary>
        /// The attempt Graph answered, read from its <paramref name="response"/> and body <paramref name="bytes"/>: an
        /// error's text as its charset says; a success's as UTF-8 (Graph's JSON) when <paramref name="successText"/> asks
        /// for it (-Debug), else empty, as nothing else reads it. A success's JSON object is the client's to parse, after
        /// it narrated the answer (GraphClient.ExchangeAsync): a body that is no JSON object makes the attempt a lost answer there.
        /// </summary>
        public static Attempt FromAnswer(HttpResponseMessage response, byte[] bytes, GraphRequest request, int number, string clientRequestId, DateTimeOffset now, bool successText)
        {
            var status = (int)response.StatusCode;
            var text = !response.IsSuccessStatusCode ? Decode(bytes, response.Content?.Headers.ContentType?.CharSet)
                : successText ? DecodeUtf8(bytes)
                : string.Empty;
            var location = response.Headers.Location;
            return new Attempt(request, number, status, response.ReasonPhrase, FirstHeader(response, "request-id"), clientRequestId, text)
            {
                MediaType = response.Content?.Headers.ContentType?.MediaType,
                Location = location is null ? null : location.IsAbsoluteUri ? location : new Uri(request.Uri, location),
                RetryAfter = RetryPolicy.ReadRetryAfter(response, now),
            };
        }

        private static string DecodeUtf8(byte[] bytes)
        {
            using var reader = Utf8Reader(bytes);
            return reader.ReadToEnd();
        }

        /// <summary>The body as UTF-8 text, Graph's JSON (read here for -Debug, by the client for a success's object); a byte order mark, if any, is not part of the text.</summary>
        public static StreamReader Utf8Reader(byte[] bytes) =>
            new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

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

        private static string? FirstHeader(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }
}
