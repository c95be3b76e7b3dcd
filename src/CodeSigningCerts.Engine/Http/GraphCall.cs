using System;
using System.Collections.Generic;
using System.Text;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// One logical Graph request across its attempts: what to send, with which token, and what the
    /// latest attempt got back. The retry pipeline sees the same instance on every attempt.
    /// </summary>
    internal sealed class GraphCall
    {
        public GraphCall(string method, Uri uri, byte[]? body, AccessToken token, RequestLog? log)
        {
            Method = method;
            Uri = uri;
            Body = body;
            Token = token;
            Log = log;
        }

        public string Method { get; }

        public Uri Uri { get; }

        /// <summary>The JSON body's UTF-8 bytes, serialized once so every attempt sends the same bytes.</summary>
        public byte[]? Body { get; }

        /// <summary>The body as text, for -Debug only: decoded when asked, never on the way of a request.</summary>
        public string? BodyText => Body is null ? null : Encoding.UTF8.GetString(Body);

        public AccessToken Token { get; }

        public RequestLog? Log { get; }

        /// <summary>POST, PATCH and DELETE count against Intune's write limit.</summary>
        public bool IsWrite => !string.Equals(Method, "GET", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// A GET changes nothing, so it may be sent again after any failure. A write is sent again only when
        /// Graph's answer says it was not carried out (429, 503).
        /// </summary>
        public bool IsSafeToRepeat => !IsWrite;

        /// <summary>
        /// Whether sending the request twice leaves the same result as sending it once: every method but POST (a PATCH or
        /// DELETE of one id ends the same however often it arrives). A POST creates another entry each time.
        /// </summary>
        public bool IsIdempotent => !string.Equals(Method, "POST", StringComparison.OrdinalIgnoreCase);

        /// <summary>How many attempts have started.</summary>
        public int Attempts { get; private set; }

        /// <summary>The client-request-id of the latest attempt.</summary>
        public string ClientRequestId { get; private set; } = string.Empty;

        /// <summary>The request-id header of the latest attempt's answer.</summary>
        public string? RequestId { get; set; }

        /// <summary>The body text of the latest attempt's answer.</summary>
        public string ResponseText { get; set; } = string.Empty;

        /// <summary>The latest answer's JSON object, when it was a success with a body.</summary>
        public IReadOnlyDictionary<string, object?>? ResponseBody { get; set; }

        /// <summary>For messages: the method and the path, never the query's tokens or the host.</summary>
        public string Description => Method + " " + Uri.AbsolutePath;

        /// <summary>Starts an attempt with a fresh client-request-id; returns the retry number (0 for the first attempt).</summary>
        public int BeginAttempt(string clientRequestId)
        {
            ClientRequestId = clientRequestId;
            RequestId = null;
            ResponseText = string.Empty;
            ResponseBody = null;
            return Attempts++;
        }

        /// <summary>The same request with another token (after a 401), its attempts counted afresh.</summary>
        public GraphCall WithToken(AccessToken token) => new GraphCall(Method, Uri, Body, token, Log);
    }
}
