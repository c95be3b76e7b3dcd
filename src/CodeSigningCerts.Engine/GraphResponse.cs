using System.Collections.Generic;

namespace CodeSigningCerts.Engine
{
    /// <summary>A successful Graph answer, its JSON body as plain dictionaries (dates stay strings).</summary>
    public sealed class GraphResponse
    {
        /// <summary>Creates a response.</summary>
        public GraphResponse(int statusCode, IReadOnlyDictionary<string, object?>? body, string? requestId, string clientRequestId)
        {
            StatusCode = statusCode;
            Body = body;
            RequestId = requestId;
            ClientRequestId = clientRequestId;
        }

        /// <summary>200, 201 or 204.</summary>
        public int StatusCode { get; }

        /// <summary>The JSON object, or null when Graph sent no body (204).</summary>
        public IReadOnlyDictionary<string, object?>? Body { get; }

        /// <summary>Graph's request-id header.</summary>
        public string? RequestId { get; }

        /// <summary>The client-request-id this request carried.</summary>
        public string ClientRequestId { get; }
    }
}
