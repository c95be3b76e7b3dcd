using System;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>A file of a signed kind (told by its bytes or extension) that carries no signature.</summary>
    internal sealed class UnsignedFileException : Exception
    {
        public UnsignedFileException(SignedFileKind kind)
            : base("The file is not signed.")
        {
            Kind = kind;
        }

        /// <summary>The kind; <see cref="SignedFileKind.Package"/> also stands for an unsigned bundle.</summary>
        public SignedFileKind Kind { get; }
    }
}
