using System;

namespace CodeSigningCerts.Engine
{
    /// <summary>A Graph call that failed, with everything a user needs to act on it or report it.</summary>
    public sealed class GraphException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public GraphException(
            GraphFailure failure,
            string message,
            int? statusCode = null,
            string? errorCode = null,
            string? requestId = null,
            string? clientRequestId = null,
            Exception? innerException = null,
            bool outcomeUnknown = false)
            : base(message, innerException)
        {
            OutcomeUnknown = outcomeUnknown;
            Failure = failure;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            RequestId = requestId;
            ClientRequestId = clientRequestId;
        }

        /// <summary>The kind of failure.</summary>
        public GraphFailure Failure { get; }

        /// <summary>The HTTP status, when Graph answered.</summary>
        public int? StatusCode { get; }

        /// <summary>Graph's error code (error.code), e.g. ResourceNotFound.</summary>
        public string? ErrorCode { get; }

        /// <summary>Graph's request-id, for a support case.</summary>
        public string? RequestId { get; }

        /// <summary>The client-request-id the module sent.</summary>
        public string? ClientRequestId { get; }

        /// <summary>
        /// True when the request was sent but its answer was lost (a timeout, a connection reset, a success
        /// whose body could not be read): Graph may have carried it out. A create must not simply be sent again.
        /// </summary>
        public bool OutcomeUnknown { get; }
    }
}
