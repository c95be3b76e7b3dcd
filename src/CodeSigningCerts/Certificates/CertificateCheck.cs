using System.Management.Automation;

namespace CodeSigningCerts.Certificates
{
    /// <summary>A reason not to upload a certificate, which -Force overrides.</summary>
    internal sealed class CertificateCheck
    {
        public CertificateCheck(string errorId, ErrorCategory category, string message, string recommendedAction)
        {
            ErrorId = errorId;
            Category = category;
            Message = message;
            RecommendedAction = recommendedAction;
        }

        public string ErrorId { get; }

        public ErrorCategory Category { get; }

        public string Message { get; }

        public string RecommendedAction { get; }
    }
}
