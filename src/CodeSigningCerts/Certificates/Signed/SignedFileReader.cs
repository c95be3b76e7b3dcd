using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using CodeSigningCerts.Certificates.Signed.Cms;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// Reads the signer of a signed file: an MSIX/APPX package or bundle, an Authenticode-signed PE file, a security
    /// catalog or a signed PowerShell file. The kind is told by the bytes (a zip with an app manifest, "MZ", "PKCX")
    /// except for what is text or bare PKCS#7, where the extension tells a script or a catalog from a certificate file.
    /// Whatever is none of these is left to <see cref="CertificateFileReader"/>'s certificate formats. Every signed file
    /// is verified as it is read (<see cref="SignedFileVerifier"/>): the signature, and the file's digest, hashed streaming.
    /// </summary>
    internal static class SignedFileReader
    {
        /// <summary>
        /// The largest signature (and package manifest) read: 4 MiB, as for a certificate file. An Authenticode signature
        /// with its chain and timestamp is a few tens of kilobytes; a PowerShell signature block in base64 a third more.
        /// </summary>
        public const long MaxSignatureBytes = CertificateFileReader.MaxFileBytes;

        private const int HeadBytes = 4;

        /// <summary>
        /// The signed file at <paramref name="path"/> with its signer, verified; null when it is not one of the signed kinds.
        /// New- takes the signer only from a file that verifies: one that does not is refused (SignedFileNotVerified,
        /// which -Force overrides with the signer it carries). Test- reads packages through <see cref="TryReadPackage"/>,
        /// which reports a package that does not verify as a reason instead.
        /// </summary>
        /// <exception cref="CertificateInputException">The file is of a signed kind but unsigned, damaged (its signature or its signer certificate), or unreadable.</exception>
        /// <exception cref="SignedFileNotVerifiedException">The file does not verify.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancel"/> stopped the hashing.</exception>
        public static SignedFile? TryRead(string path, CancellationToken cancel)
        {
            // A damaged signer certificate is refused inside ReadFile, before the file is verified: it is SignedFileSignatureDamaged
            // whether or not the file verifies, never SignedFileNotVerified (whose -Force could not mend it).
            var signed = ReadFile(path, (stream, head) => SignedFileInspection.Inspect(path, stream, head, MaxSignatureBytes, cancel));
            if (signed?.Verification.Describe("'" + path + "'", "The signature of '" + path + "'") is { } notVerified)
            {
                throw new SignedFileNotVerifiedException(notVerified + ".", signed.Signer);
            }

            return signed;
        }

        /// <summary>
        /// The app package or bundle at <paramref name="path"/> with its verification (Test- weighs a package that does not
        /// verify); null when the file is not one, known before anything is hashed.
        /// </summary>
        /// <exception cref="CertificateInputException">The file is a zip but an unsigned or damaged package, one whose signer certificate is damaged, or unreadable.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancel"/> stopped the hashing.</exception>
        public static SignedFile? TryReadPackage(string path, CancellationToken cancel) =>
            ReadFile(path, (stream, head) => SignedFileInspection.InspectPackage(path, stream, head, MaxSignatureBytes, cancel));

        /// <summary>Opens the file and gives <paramref name="inspect"/> the stream and its first bytes; failures become the errors users see.</summary>
        private static SignedFile? ReadFile(string path, Func<Stream, byte[], SignedFile?> inspect)
        {
            CertificateFileReader.RefuseNotRegular(path);
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
                if (!stream.CanSeek)
                {
                    return null;
                }

                // The first bytes tell the kind (StreamBytes reads on over short reads); a shorter file gives what it has.
                var head = StreamBytes.Read(stream, HeadBytes);
                return Read(path, stream, head, inspect);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CertificateInputException(ErrorIds.CertificateFileUnreadable, ErrorCategory.ReadError, "Cannot read '" + path + "': " + ex.Message, ex);
            }
        }

        /// <summary>
        /// The signed file <paramref name="inspect"/> finds, its failures turned into the errors users see. Both cmdlets
        /// read signed files through here, so a signer certificate that loads but has a part that cannot be decoded
        /// (<see cref="SignerCertificateDamagedException"/>, found before the file is hashed) is SignedFileSignatureDamaged
        /// for New- and Test- alike.
        /// </summary>
        private static SignedFile? Read(string path, FileStream stream, byte[] head, Func<Stream, byte[], SignedFile?> inspect)
        {
            SignedFile? signed;
            try
            {
                signed = inspect(stream, head);
            }
            catch (SignatureFormatException ex)
            {
                throw new CertificateInputException(ErrorIds.SignedFileSignatureDamaged, ErrorCategory.InvalidData, "The signature of '" + path + "' is damaged: " + ex.Message + ".");
            }
            catch (PackageFormatException ex)
            {
                throw new CertificateInputException(ErrorIds.PackageDamaged, ErrorCategory.InvalidData, "Cannot read the app package '" + path + "': " + ex.Message + ".");
            }
            catch (SignerCertificateDamagedException ex)
            {
                throw new CertificateInputException(ErrorIds.SignedFileSignatureDamaged, ErrorCategory.InvalidData, "The signer certificate of '" + path + "' is damaged: " + ex.Damage + ".");
            }
            catch (UnsignedFileException ex) when (ex.Kind == SignedFileKind.Package)
            {
                throw new CertificateInputException(
                    ErrorIds.PackageNotSigned,
                    ErrorCategory.ObjectNotFound,
                    "The app package '" + path + "' is not signed: it has no " + AppPackage.SignatureEntry + ". Sign it (SignTool sign /fd SHA256 /f signer.pfx) before uploading its signer or deploying it.");
            }
            catch (UnsignedFileException ex)
            {
                throw new CertificateInputException(ErrorIds.SignedFileNotSigned, ErrorCategory.ObjectNotFound, "'" + path + "' is not signed: it has no " + Describe(ex.Kind) + ", so it names no signer certificate.");
            }

            return signed;
        }

        private static string Describe(SignedFileKind kind) => kind switch
        {
            SignedFileKind.PortableExecutable => "Authenticode signature (its security directory is empty)",
            SignedFileKind.Script => "signature block ('# SIG # Begin signature block')",
            _ => "signature",
        };
    }
}
