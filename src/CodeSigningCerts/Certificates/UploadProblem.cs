using CodeSigningCerts.Engine;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// A Graph failure as a value, for the cmdlet to turn into an ErrorRecord: the failure decides the error id, unless
    /// an id of ErrorTable says more about it (an upload whose outcome nobody can tell).
    /// </summary>
    internal sealed class UploadProblem
    {
        private UploadProblem(GraphException failure, object target, string? errorId, string? message)
        {
            (Failure, Target, ErrorId, Message) = (failure, target, errorId, message);
        }

        public GraphException Failure { get; }

        /// <summary>The input the error is about: the certificate, or the entry that could not be removed.</summary>
        public object Target { get; }

        /// <summary>The error id; null when <see cref="Failure"/> decides it.</summary>
        public string? ErrorId { get; }

        /// <summary>The message; null for the failure's own.</summary>
        public string? Message { get; }

        public static UploadProblem FromGraph(GraphException failure, object target) => new UploadProblem(failure, target, null, null);

        public static UploadProblem Explained(string errorId, string message, GraphException failure, object target) => new UploadProblem(failure, target, errorId, message);
    }
}
