using System.Management.Automation;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>Turns a failed Graph call into an ErrorRecord a user can act on, with the input as target.</summary>
    internal static class GraphErrors
    {
        internal const string WritePermission = "DeviceManagementApps.ReadWrite.All";

        public static ErrorRecord ToErrorRecord(GraphException exception, object? target)
        {
            var (id, category, advice) = Classify(exception);
            var message = exception.Message;
            if (exception.RequestId is not null || exception.ClientRequestId is not null)
            {
                message += " (request-id: " + (exception.RequestId ?? "none") + ", client-request-id: " + (exception.ClientRequestId ?? "none") + ")";
            }

            if (exception.OutcomeUnknown)
            {
                advice = "The request may have reached Graph before its answer was lost: check with Get-EnterpriseCodeSigningCertificate before you repeat it. " + advice;
            }

            return ActionableError.Create(exception, id, category, target, advice, message);
        }

        private static (string Id, ErrorCategory Category, string Advice) Classify(GraphException exception)
        {
            switch (exception.Failure)
            {
                case GraphFailure.Network:
                    return (ErrorIds.GraphUnreachable, ErrorCategory.ConnectionError, "Check the network path to Graph (proxy, DNS, firewall) and try again.");
                case GraphFailure.Timeout:
                    return (ErrorIds.GraphTimeout, ErrorCategory.OperationTimeout, "Graph did not answer in time; try again, check the network path, or connect with a longer -RequestTimeout.");
                case GraphFailure.MalformedResponse:
                    return (ErrorIds.GraphResponseMalformed, ErrorCategory.InvalidResult, "Something between here and Graph answered instead of Graph (a proxy?), or Graph sent a broken body; try again.");
                case GraphFailure.ProxyAuthenticationRequired:
                    return (ErrorIds.GraphProxyAuthenticationRequired, ErrorCategory.AuthenticationError, "Connect again with the proxy's credentials: -ProxyCredential (Get-Credential), or -ProxyUseDefaultCredentials to sign in to the proxy as the account running the command; add -Proxy to name the proxy if it is not the system's.");
                case GraphFailure.ForeignHost:
                    return (ErrorIds.GraphForeignLinkRefused, ErrorCategory.SecurityError, "Report this: Graph returned a link to another host. Nothing was sent there.");
            }

            return exception.StatusCode switch
            {
                401 => (ErrorIds.GraphAuthenticationFailed, ErrorCategory.AuthenticationError, "The token was refused or has expired. Run Connect-EnterpriseCodeSigning again."),
                403 => (ErrorIds.GraphPermissionDenied, ErrorCategory.PermissionDenied, "Grant the signed-in user or app the Microsoft Graph permission " + WritePermission + " (DeviceManagementApps.Read.All to read), with admin consent, then connect again."),
                404 => (ErrorIds.CertificateNotFound, ErrorCategory.ObjectNotFound, "Check the id with Get-EnterpriseCodeSigningCertificate."),
                409 => (ErrorIds.GraphConflict, ErrorCategory.ResourceExists, "Graph holds a conflicting resource; list the certificates and try again."),
                429 => (ErrorIds.GraphThrottled, ErrorCategory.LimitsExceeded, "Graph is still throttling this app after the module waited as it asked and retried; wait a few minutes and run the command again for the inputs that failed, or connect with a higher -MaxRetryCount."),
                400 => (ErrorIds.GraphBadRequest, ErrorCategory.InvalidArgument, "Graph refused the request as sent; the message says which part."),
                int status when status >= 500 => (ErrorIds.GraphServiceError, ErrorCategory.ConnectionError, "Graph failed; try again later. Quote the request-id if you contact support."),
                _ => (ErrorIds.GraphRequestFailed, ErrorCategory.InvalidOperation, "See the message from Graph."),
            };
        }
    }
}
