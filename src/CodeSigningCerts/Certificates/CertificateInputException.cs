using System;
using System.Management.Automation;

namespace CodeSigningCerts.Certificates
{
    /// <summary>A certificate input that cannot be used, with the stable error id and category the user sees.</summary>
    internal sealed class CertificateInputException : Exception
    {
        public CertificateInputException(string errorId, ErrorCategory category, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Category = category;
        }

        public string ErrorId { get; }

        public ErrorCategory Category { get; }

        /// <summary>The error to write, with <paramref name="target"/> (the file) as its target.</summary>
        public ErrorRecord ToErrorRecord(object target) => ErrorTable.Create(ErrorId, Message, target, InnerException, category: Category);
    }
}
