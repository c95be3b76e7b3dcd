using System.Collections.Generic;

namespace CodeSigningCerts.Engine
{
    /// <summary>One Graph call: a method, a path below the API version (or a nextLink) and an optional JSON body.</summary>
    public sealed class GraphRequest
    {
        /// <summary>Creates a request.</summary>
        public GraphRequest(string method, string path, IDictionary<string, object?>? body = null)
        {
            Method = method;
            Path = path;
            Body = body;
        }

        /// <summary>GET, POST, PATCH or DELETE.</summary>
        public string Method { get; }

        /// <summary>A path relative to {graph}/{version}/ (e.g. deviceAppManagement/...), or an absolute nextLink.</summary>
        public string Path { get; }

        /// <summary>The JSON object to send: strings, numbers, booleans, nulls, lists and nested dictionaries.</summary>
        public IDictionary<string, object?>? Body { get; }
    }
}
