using System;
using System.Net;
using System.Net.Sockets;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>Which failed sends certainly never reached Graph, on .NET and on .NET Framework.</summary>
    internal static class NetworkFailure
    {
        /// <summary>
        /// Failures that happen before a connection exists: the request certainly never reached Graph. .NET reports them
        /// as a SocketException in the inner chain; .NET Framework as a WebException whose Status says so, often without
        /// any SocketException (a DNS failure has none).
        /// </summary>
        public static bool NeverSent(Exception ex)
        {
            for (var inner = ex; inner is not null; inner = inner.InnerException)
            {
                if (inner is WebException web && IsBeforeConnection(web.Status))
                {
                    return true;
                }

                if (inner is SocketException socket)
                {
                    return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
                        or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.NoData;
                }
            }

            return false;
        }

        // The statuses HttpWebRequest sets before it has a connection: the name of the host or of the proxy did not
        // resolve, or no connection could be made (refused, unreachable).
        private static bool IsBeforeConnection(WebExceptionStatus status) =>
            status is WebExceptionStatus.NameResolutionFailure or WebExceptionStatus.ProxyNameResolutionFailure or WebExceptionStatus.ConnectFailure;
    }
}
