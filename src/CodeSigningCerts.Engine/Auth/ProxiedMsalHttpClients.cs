using System.Net.Http;
using CodeSigningCerts.Engine.Http;
using Microsoft.Identity.Client;

namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>
    /// MSAL's HTTP for one sign-in: through the same proxy as the connection's Graph requests (MSAL's own client
    /// would take only the system's, and no proxy credentials). One HttpClient per application, as MSAL asks of a
    /// factory; it lives as long as the connection's token source.
    /// </summary>
    internal sealed class ProxiedMsalHttpClients : IMsalHttpClientFactory
    {
        private readonly HttpClient _client;

        public ProxiedMsalHttpClients(ProxySettings proxy)
        {
            _client = new HttpClient(HttpHandlers.ForSignIn(proxy));
        }

        public HttpClient GetHttpClient() => _client;
    }
}
