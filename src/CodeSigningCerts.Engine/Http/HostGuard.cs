using System;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// The bearer token goes only to the connected Graph host. A nextLink or a redirect that points
    /// anywhere else is refused before anything is sent there.
    /// </summary>
    internal static class HostGuard
    {
        public static bool IsConnectedHost(Uri target, Uri graphRoot) =>
            Uri.Compare(target, graphRoot, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

        /// <summary>The refusal of a link (<paramref name="how"/>: "a paging link", "a redirect") to another host.</summary>
        public static GraphException Refuse(string how, Uri target, Uri graphRoot, int? statusCode = null, string? requestId = null, string? clientRequestId = null) =>
            new GraphException(
                GraphFailure.ForeignHost,
                "Graph returned " + how + " to " + target.GetLeftPart(UriPartial.Authority) + ", which is not the connected Graph host "
                    + graphRoot.GetLeftPart(UriPartial.Authority) + "; it was not followed, and the access token was not sent there.",
                statusCode,
                requestId: requestId,
                clientRequestId: clientRequestId);
    }
}
