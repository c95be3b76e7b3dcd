using System.Net;
using System.Net.Http;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// Every HTTP handler the engine uses, Graph's and MSAL's: through the user's proxy or the system's (never for
    /// loopback or link-local, <see cref="DirectToLocalProxy"/>), and with TLS 1.2 allowed on .NET Framework.
    /// </summary>
    internal static class HttpHandlers
    {
        /// <summary>The proxied handler every request of a connection goes through.</summary>
        public static HttpClientHandler Proxied(ProxySettings? proxy)
        {
            NetFrameworkNetworking.AllowTls12();
            return new HttpClientHandler { Proxy = DirectToLocalProxy.For(proxy), UseProxy = true };
        }

        /// <summary>Graph's: no redirects followed, compressed answers accepted, no cookies.</summary>
        public static HttpClientHandler ForGraph(ProxySettings? proxy)
        {
            var handler = Proxied(proxy);
            // A redirect would carry the request, and its token, elsewhere; Graph does not redirect these calls.
            handler.AllowAutoRedirect = false;
            handler.AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate;
            handler.UseCookies = false;
            return handler;
        }
    }
}
