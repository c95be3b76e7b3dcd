using System;

namespace CodeSigningCerts.Connection
{
    /// <summary>Each cloud's Graph and Entra hosts (Microsoft Graph national cloud deployments).</summary>
    internal static class CloudEndpoints
    {
        public static Uri GraphOf(GraphEnvironment environment) => environment switch
        {
            GraphEnvironment.USGov => new Uri("https://graph.microsoft.us/"),
            GraphEnvironment.USGovDoD => new Uri("https://dod-graph.microsoft.us/"),
            GraphEnvironment.China => new Uri("https://microsoftgraph.chinacloudapi.cn/"),
            _ => new Uri("https://graph.microsoft.com/"),
        };

        public static Uri AuthorityOf(GraphEnvironment environment) => environment switch
        {
            GraphEnvironment.USGov or GraphEnvironment.USGovDoD => new Uri("https://login.microsoftonline.us/"),
            GraphEnvironment.China => new Uri("https://login.chinacloudapi.cn/"),
            _ => new Uri("https://login.microsoftonline.com/"),
        };

        /// <summary>https anywhere; plain http only to this machine (the emulator), never across a network.</summary>
        public static bool IsAllowedGraphEndpoint(Uri endpoint)
        {
            if (!endpoint.IsAbsoluteUri)
            {
                return false;
            }

            if (endpoint.Scheme == Uri.UriSchemeHttps)
            {
                return true;
            }

            return endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback;
        }
    }
}
