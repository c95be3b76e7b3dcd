using System;
using System.Net;
using System.Net.Http;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// Every HTTP handler the engine uses, Graph's and MSAL's: through the user's proxy or the system's, never for a
    /// loopback or link-local destination, and with TLS 1.2 allowed on .NET Framework.
    /// </summary>
    /// <remarks>
    /// Never through a proxy: a loopback destination (a proxy for 127.0.0.1 would carry the bearer token to the
    /// emulator through HTTP_PROXY in clear text) nor a link-local one (169.254.169.254 is Azure's instance metadata
    /// endpoint, for a managed identity, which Azure documents must never be proxied).
    /// </remarks>
    internal static class HttpHandlers
    {
        /// <summary>
        /// MSAL's: its requests go to Entra and to the managed-identity endpoint, so the proxy is chosen per destination
        /// (<see cref="DirectToLocalProxy"/>).
        /// </summary>
        public static HttpClientHandler ForSignIn(ProxySettings? proxy)
        {
            NetFrameworkNetworking.AllowTls12();
            return new HttpClientHandler { Proxy = DirectToLocalProxy.For(proxy), UseProxy = true };
        }

        /// <summary>
        /// Graph's, for the connection to <paramref name="graph"/>: no redirects followed, compressed answers accepted,
        /// no cookies, and the proxy decided here, once, since every request goes to that one host (HostGuard refuses
        /// any other): none for a loopback or link-local Graph, else the one the user named, else the runtime's default
        /// (HttpClient.DefaultProxy on .NET, read when the first request goes; WebRequest.DefaultWebProxy on .NET
        /// Framework, read for each request). Credentials for the system's proxy go through a proxy of the connection's
        /// own (<see cref="DirectToLocalProxy"/>), never DefaultProxyCredentials: on .NET Framework that writes them onto
        /// the process-wide default proxy, for every other request of the session to send, and after Disconnect- too.
        /// </summary>
        public static HttpClientHandler ForGraph(Uri graph, ProxySettings? proxy)
        {
            NetFrameworkNetworking.AllowTls12();
            proxy ??= ProxySettings.System;
            // A redirect would carry the request, and its token, elsewhere; Graph does not redirect these calls.
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
            };
            if (IsLocal(graph))
            {
                handler.UseProxy = false;
            }
            else if (proxy.Address is { } named)
            {
                handler.Proxy = new WebProxy(named) { Credentials = proxy.Credentials };
            }
            else if (proxy.Credentials is not null)
            {
                handler.Proxy = DirectToLocalProxy.For(proxy);
            }

            return handler;
        }

        /// <summary>Loopback (127.0.0.0/8, ::1, localhost) or link-local (169.254.0.0/16, fe80::/10): never proxied.</summary>
        internal static bool IsLocal(Uri destination)
        {
            if (destination.IsLoopback)
            {
                return true;
            }

            if (!IPAddress.TryParse(destination.DnsSafeHost, out var address))
            {
                return false;
            }

            var bytes = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || (bytes.Length == 4 && bytes[0] == 169 && bytes[1] == 254);
        }
    }
}
