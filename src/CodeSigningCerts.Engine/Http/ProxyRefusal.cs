using System;
using System.Net;
using System.Net.Http;
using System.Reflection;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// A proxy that answered 407 (Proxy Authentication Required): it wants credentials the module was not given,
    /// or refused the ones it was. For https, the 407 answers the CONNECT that opens the tunnel, so it arrives as
    /// an exception rather than as a response: .NET (5+) puts the proxy's status in HttpRequestException.StatusCode,
    /// which netstandard2.0 does not name; .NET Framework puts it in the WebException's response.
    /// </summary>
    internal static class ProxyRefusal
    {
        private static readonly PropertyInfo? StatusCodeProperty = typeof(HttpRequestException).GetProperty("StatusCode", BindingFlags.Public | BindingFlags.Instance);

        public static bool AskedForCredentials(Exception exception)
        {
            for (var inner = exception; inner is not null; inner = inner.InnerException)
            {
                if (inner is WebException { Response: HttpWebResponse { StatusCode: HttpStatusCode.ProxyAuthenticationRequired } })
                {
                    return true;
                }

                if (inner is HttpRequestException && StatusCodeProperty?.GetValue(inner) is HttpStatusCode status && status == HttpStatusCode.ProxyAuthenticationRequired)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The failure, for a proxy that refused to carry <paramref name="request"/>: nothing reached Graph.</summary>
        public static GraphException Failure(GraphRequest request, string clientRequestId, Exception? inner) =>
            new GraphException(
                GraphFailure.ProxyAuthenticationRequired,
                request.Description + " was refused by the proxy between here and Graph: it asks for credentials (407 Proxy Authentication Required), and those given, if any, were not accepted.",
                407,
                clientRequestId: clientRequestId,
                innerException: inner);
    }
}
