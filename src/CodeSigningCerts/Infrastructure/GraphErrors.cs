using System.Management.Automation;
using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// Turns a failed Graph call into an ErrorRecord a user can act on, with the input as target: which id of
    /// <see cref="ErrorTable"/> it is, and Graph's message with the ids to quote to support. The advice is the table's.
    /// </summary>
    internal static class GraphErrors
    {
        public static ErrorRecord ToErrorRecord(GraphException exception, object? target)
        {
            var id = IdOf(exception);
            var message = exception.Message;
            if (exception.RequestId is not null || exception.ClientRequestId is not null)
            {
                message += " (request-id: " + (exception.RequestId ?? "none") + ", client-request-id: " + (exception.ClientRequestId ?? "none") + ")";
            }

            return ErrorTable.Create(id, exception, target, message, exception.OutcomeUnknown ? AdviceCase.AnswerLost : AdviceCase.Usual);
        }

        private static string IdOf(GraphException exception) => exception.Failure switch
        {
            GraphFailure.Network => ErrorIds.GraphUnreachable,
            GraphFailure.Timeout => ErrorIds.GraphTimeout,
            GraphFailure.MalformedResponse => ErrorIds.GraphResponseMalformed,
            GraphFailure.ProxyAuthenticationRequired => ErrorIds.GraphProxyAuthenticationRequired,
            GraphFailure.ForeignHost => ErrorIds.GraphForeignLinkRefused,
            _ => exception.StatusCode switch
            {
                401 => ErrorIds.GraphAuthenticationFailed,
                403 => ErrorIds.GraphPermissionDenied,
                404 => ErrorIds.CertificateNotFound,
                409 => ErrorIds.GraphConflict,
                429 => ErrorIds.GraphThrottled,
                400 => ErrorIds.GraphBadRequest,
                int status when status >= 500 => ErrorIds.GraphServiceError,
                _ => ErrorIds.GraphRequestFailed,
            },
        };
    }
}
