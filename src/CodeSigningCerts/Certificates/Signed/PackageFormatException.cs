using System;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>An app package whose zip or manifest cannot be read.</summary>
    internal sealed class PackageFormatException : Exception
    {
        public PackageFormatException(string message)
            : base(message)
        {
        }
    }
}
