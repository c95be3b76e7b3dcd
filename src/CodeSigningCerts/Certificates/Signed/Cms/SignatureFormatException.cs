using System;

namespace CodeSigningCerts.Certificates.Signed.Cms
{
    /// <summary>A signature block whose structure cannot be read: the file's signature is damaged.</summary>
    internal sealed class SignatureFormatException : Exception
    {
        public SignatureFormatException(string message)
            : base(message)
        {
        }
    }
}
