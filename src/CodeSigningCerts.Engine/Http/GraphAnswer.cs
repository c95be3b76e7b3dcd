using System;
using System.Collections.Generic;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>What Graph answered to one attempt, read whole: the status, the ids, the text, and the JSON object of a success.</summary>
    internal sealed class GraphAnswer
    {
        public GraphAnswer(int statusCode, string? reasonPhrase, string? requestId, string clientRequestId, string text)
        {
            (StatusCode, ReasonPhrase, RequestId, ClientRequestId, Text) = (statusCode, reasonPhrase, requestId, clientRequestId, text);
        }

        public int StatusCode { get; }

        public string? ReasonPhrase { get; }

        /// <summary>Graph's request-id header.</summary>
        public string? RequestId { get; }

        /// <summary>The client-request-id this attempt carried.</summary>
        public string ClientRequestId { get; }

        /// <summary>The body's text.</summary>
        public string Text { get; }

        /// <summary>A success's JSON object; null for an error, or a success with no body (204).</summary>
        public IReadOnlyDictionary<string, object?>? Body { get; set; }

        /// <summary>The body's media type, for a message about a body that is not Graph's.</summary>
        public string? MediaType { get; set; }

        /// <summary>A redirect's Location, resolved against the request.</summary>
        public Uri? Location { get; set; }

        /// <summary>The wait before a retry, as <see cref="RetryAfter.Read"/> reads it when the answer arrived; null when none was named.</summary>
        public TimeSpan? RetryAfter { get; set; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        /// <summary>"429 Too Many Requests".</summary>
        public string Status => StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + ReasonPhrase;
    }
}
