using System;
using System.IO;
using System.Management.Automation;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// Reads the signer of a signed file: an MSIX/APPX package or bundle, an Authenticode-signed PE file, a security
    /// catalog or a signed PowerShell file. The kind is told by the bytes (a zip with an app manifest, "MZ", "PKCX")
    /// except for what is text or bare PKCS#7, where the extension tells a script or a catalog from a certificate file.
    /// Whatever is none of these is left to <see cref="CertificateFileReader"/>'s certificate formats.
    /// </summary>
    internal static class SignedFileReader
    {
        /// <summary>
        /// The largest signature (and package manifest) read: 4 MiB, as for a certificate file. An Authenticode signature
        /// with its chain and timestamp is a few tens of kilobytes; a PowerShell signature block in base64 a third more.
        /// </summary>
        public const long MaxSignatureBytes = CertificateFileReader.MaxFileBytes;

        private const int HeadBytes = 4;

        /// <summary>The signed file at <paramref name="path"/>, or null when it is not one of the signed kinds.</summary>
        /// <exception cref="CertificateInputException">The file is of a signed kind but unsigned, damaged, or unreadable.</exception>
        public static SignedFile? TryRead(string path)
        {
            CertificateFileReader.RefuseNotRegular(path);
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
                if (!stream.CanSeek)
                {
                    return null;
                }

                var head = ReadHead(stream);
                return Read(path, stream, head);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CertificateInputException(ErrorIds.CertificateFileUnreadable, ErrorCategory.ReadError, "Cannot read '" + path + "': " + ex.Message, ex);
            }
        }

        private static SignedFile? Read(string path, FileStream stream, byte[] head)
        {
            try
            {
                if (AppPackage.RecognisesZip(head))
                {
                    return ReadPackage(path, stream);
                }

                if (AppPackage.RecognisesP7x(head))
                {
                    return Signed(path, SignedFileKind.PackageSignature, AppPackage.FromP7x(ReadAll(stream)), null);
                }

                if (PortableExecutableSignature.Recognises(head))
                {
                    return Signed(path, SignedFileKind.PortableExecutable, PortableExecutableSignature.Read(stream, MaxSignatureBytes), null);
                }

                if (ScriptSignature.IsScript(path))
                {
                    return Signed(path, SignedFileKind.Script, ScriptSignature.Read(stream, head, MaxSignatureBytes), null);
                }

                if (Path.GetExtension(path).Equals(".cat", StringComparison.OrdinalIgnoreCase))
                {
                    // A catalog is itself a PKCS#7 SignedData; read as a .p7b it would give every certificate in it.
                    return Signed(path, SignedFileKind.Catalog, ReadAll(stream), null);
                }

                return null;
            }
            catch (SignatureFormatException ex)
            {
                throw new CertificateInputException(ErrorIds.SignedFileSignatureDamaged, ErrorCategory.InvalidData, "The signature of '" + path + "' is damaged: " + ex.Message + ".");
            }
        }

        private static SignedFile? ReadPackage(string path, FileStream stream)
        {
            AppPackage? package;
            try
            {
                package = AppPackage.Read(stream, MaxSignatureBytes);
            }
            catch (PackageFormatException ex)
            {
                throw new CertificateInputException(ErrorIds.PackageDamaged, ErrorCategory.InvalidData, "Cannot read the app package '" + path + "': " + ex.Message + ".");
            }

            if (package is null)
            {
                return null;
            }

            if (package.Signature is null)
            {
                throw new CertificateInputException(
                    ErrorIds.PackageNotSigned,
                    ErrorCategory.ObjectNotFound,
                    "The app package '" + path + "' is not signed: it has no " + AppPackage.SignatureEntry + ". Sign it (SignTool sign /fd SHA256 /f signer.pfx) before uploading its signer or deploying it.");
            }

            return Signed(path, package.IsBundle ? SignedFileKind.Bundle : SignedFileKind.Package, package.Signature, package.Publisher);
        }

        private static SignedFile Signed(string path, SignedFileKind kind, byte[]? signature, string? publisher)
        {
            if (signature is null)
            {
                throw new CertificateInputException(ErrorIds.SignedFileNotSigned, ErrorCategory.ObjectNotFound, "'" + path + "' is not signed: it has no " + Describe(kind) + ", so it names no signer certificate.");
            }

            return new SignedFile(path, kind, Pkcs7Signer.Find(signature), publisher);
        }

        private static string Describe(SignedFileKind kind) => kind switch
        {
            SignedFileKind.PortableExecutable => "Authenticode signature (its security directory is empty)",
            SignedFileKind.Script => "signature block ('# SIG # Begin signature block')",
            _ => "signature",
        };

        private static byte[] ReadHead(Stream stream)
        {
            var head = new byte[HeadBytes];
            var read = stream.Read(head, 0, head.Length);
            if (read < head.Length)
            {
                Array.Resize(ref head, read);
            }

            return head;
        }

        private static byte[] ReadAll(Stream stream)
        {
            if (stream.Length > MaxSignatureBytes)
            {
                throw new SignatureFormatException("it is larger than " + (MaxSignatureBytes / (1024 * 1024)) + " MiB");
            }

            stream.Position = 0;
            return StreamBytes.Read(stream, stream.Length);
        }
    }
}
