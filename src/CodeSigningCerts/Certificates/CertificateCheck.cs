namespace CodeSigningCerts.Certificates
{
    /// <summary>A reason not to upload a certificate, which -Force overrides: its error id (category and advice: <see cref="ErrorTable"/>) and message.</summary>
    internal sealed class CertificateCheck
    {
        public CertificateCheck(string errorId, string message)
        {
            ErrorId = errorId;
            Message = message;
        }

        public string ErrorId { get; }

        public string Message { get; }
    }
}
