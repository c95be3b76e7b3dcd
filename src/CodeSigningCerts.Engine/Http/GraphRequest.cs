using System;
using System.Text;

namespace CodeSigningCerts.Engine.Http
{
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
}
