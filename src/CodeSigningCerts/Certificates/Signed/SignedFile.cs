using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>A signed file as read: its kind, its signer's certificate, whether it verifies and, for a package, its manifest's Publisher.</summary>
    internal sealed class SignedFile
    {
        public SignedFile(string path, SignedFileKind kind, X509Certificate2 signer, string? publisher, SignatureVerification verification)
        {
            Verification = verification;
            Path = path;
            Kind = kind;
            Signer = signer;
            Publisher = publisher;
        }

        public string Path { get; }

        public SignedFileKind Kind { get; }

        public X509Certificate2 Signer { get; }

        public string? Publisher { get; }

        /// <summary>Whether the signature holds and the file is what was signed, and when a valid time-stamp says it was signed.</summary>
        public SignatureVerification Verification { get; }

        public bool IsPackage => Kind == SignedFileKind.Package || Kind == SignedFileKind.Bundle;
    }
}
