using System;
using System.Net.Http;

namespace CodeSigningCerts.Engine
{
    /// <summary>How a connection reaches Graph.</summary>
    public sealed class GraphClientOptions
    {
        /// <summary>The retry limit when the user does not set one: the Graph SDKs retry 3 times; Intune's write limit can need a few more.</summary>
        public const int DefaultMaxRetryCount = 5;

        /// <summary>
        /// Writes per 20 s when the user does not say: Intune's 100. A write's slot frees only 20 s after its write was
        /// answered, so a write Intune received late still counts as Intune counts it (Http/GraphClient.cs); another job
        /// writing as the same app needs a lower -WriteLimit, which no fixed headroom would replace.
        /// </summary>
        public const int DefaultWriteLimit = 100;

        /// <summary>
        /// HttpClient's default, long enough for any single Graph call, when the user does not set one. A constant, as
        /// the other defaults: the cmdlet's parameter default is compiled in, and reading it does not load the engine.
        /// </summary>
        public const int DefaultTimeoutSeconds = 100;

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

        /// <summary>How long one attempt may take, from sending to the last byte of the answer; zero or less: no limit. A wait before a retry is not part of it.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

        /// <summary>How often a throttled (429) or unavailable (503, 504) request is sent again; 0 never retries.</summary>
        public int MaxRetryCount { get; set; } = DefaultMaxRetryCount;

        /// <summary>Writes (POST, PATCH, DELETE) let through per 20 s, to stay inside Intune's limit of 100; 0 does not pace.</summary>
        public int WriteLimit { get; set; } = DefaultWriteLimit;

        /// <summary>The proxy to Graph: the system's unless the user named one; never used for loopback.</summary>
        public ProxySettings Proxy { get; set; } = ProxySettings.System;

        /// <summary>The clock of every wait and time stamp on this connection: the system's unless a test gives its own.</summary>
        public GraphClock Clock { get; set; } = GraphClock.System;

        /// <summary>The HTTP handler requests go through instead of the proxied one: the unit tier's fake Graph.</summary>
        internal HttpMessageHandler? Handler { get; set; }
    }
}
