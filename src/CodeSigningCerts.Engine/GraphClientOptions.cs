using System;

namespace CodeSigningCerts.Engine
{
    /// <summary>How a connection reaches Graph.</summary>
    public sealed class GraphClientOptions
    {
        /// <summary>Creates options for a Graph root such as https://graph.microsoft.com.</summary>
        public GraphClientOptions(Uri graphEndpoint, string userAgent)
        {
            GraphEndpoint = graphEndpoint ?? throw new ArgumentNullException(nameof(graphEndpoint));
            UserAgent = userAgent ?? throw new ArgumentNullException(nameof(userAgent));
        }

        /// <summary>The Graph root, without a version segment.</summary>
        public Uri GraphEndpoint { get; }

        /// <summary>The API version segment. The resource's documented paths are in beta.</summary>
        public string ApiVersion { get; set; } = "beta";

        /// <summary>The User-Agent header: the module's name and version.</summary>
        public string UserAgent { get; }

        /// <summary>How long one attempt may take.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
    }
}
