using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using CodeSigningCerts.Certificates.Signed.Cms;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// The pure part of reading a signed file (no PowerShell type): telling its kind from its bytes, taking its signature
    /// out, finding the signer, refusing it when it is damaged and verifying the file. Failures are this folder's exceptions, which
    /// <see cref="SignedFileReader"/> turns into the errors users see.
    /// </summary>
    internal static class SignedFileInspection
    {
        /// <summary>The signed file, or null when the bytes are none of the signed kinds.</summary>
        /// <exception cref="SignatureFormatException">The signature is damaged.</exception>
        /// <exception cref="PackageFormatException">An app package's zip or manifest cannot be read.</exception>
        /// <exception cref="UnsignedFileException">The file is of a signed kind, without a signature.</exception>
        /// <exception cref="SignerCertificateDamagedException">The signer certificate has a part that cannot be decoded.</exception>
        public static SignedFile? Inspect(string path, Stream stream, byte[] head, long maxSignatureBytes, CancellationToken cancel)
        {
            if (AppPackage.RecognisesZip(head))
            {
                // A zip is an app package or nothing signed.
                return InspectPackage(path, stream, head, maxSignatureBytes, cancel);
            }

            if (AppPackage.RecognisesP7x(head))
            {
                return Signed(path, SignedFileKind.PackageSignature, AppPackage.FromP7x(ReadAll(stream, maxSignatureBytes)), null, null);
            }

            if (PortableExecutableSignature.Recognises(head))
            {
                var image = PortableExecutableSignature.Read(stream, maxSignatureBytes);
                return Signed(path, SignedFileKind.PortableExecutable, image?.Signature, null, image is null ? null : (hash, expected) => Compare(PortableExecutableDigest.Compute(stream, image, hash, cancel), expected, "its image (the Authenticode hash of the PE file)"));
            }

            if (ScriptSignature.IsScript(path))
            {
                var script = ScriptSignature.Read(stream, head, maxSignatureBytes);
                return Signed(path, SignedFileKind.Script, script?.Signature, null, script is null ? null : (hash, expected) => script.SignedTextEnd < 0
                    ? "its signature block does not start on a line of its own (after a CR LF)"
                    : Compare(ScriptDigest.Compute(stream, script.SignedTextEnd, hash, cancel), expected, "its text"));
            }

            if (Path.GetExtension(path).Equals(".cat", StringComparison.OrdinalIgnoreCase))
            {
                // A catalog is itself a PKCS#7 SignedData; read as a .p7b it would give every certificate in it.
                return Signed(path, SignedFileKind.Catalog, ReadAll(stream, maxSignatureBytes), null, null);
            }

            return null;
        }

        /// <summary>
        /// The app package or bundle, or null when the bytes are not one. What is not a zip is refused from its first
        /// bytes, and a zip without an app manifest from its directory: nothing is hashed before the file is known to be
        /// a package (Test- wants only packages, and a PE file or script may be large).
        /// </summary>
        /// <exception cref="SignatureFormatException">The signature is damaged.</exception>
        /// <exception cref="PackageFormatException">The zip or its manifest cannot be read.</exception>
        /// <exception cref="UnsignedFileException">The package has no AppxSignature.p7x.</exception>
        /// <exception cref="SignerCertificateDamagedException">The signer certificate has a part that cannot be decoded.</exception>
        public static SignedFile? InspectPackage(string path, Stream stream, byte[] head, long maxSignatureBytes, CancellationToken cancel)
        {
            if (!AppPackage.RecognisesZip(head))
            {
                return null;
            }

            // The zip is opened once: the package and its digest read their entries through the same archive.
            using var archive = AppPackage.Open(stream);
            var package = AppPackage.Read(archive, maxSignatureBytes);
            if (package is null)
            {
                return null;
            }

            if (package.Signature is null)
            {
                throw new UnsignedFileException(SignedFileKind.Package);
            }

            return Signed(path, package.IsBundle ? SignedFileKind.Bundle : SignedFileKind.Package, package.Signature, package.Publisher, (hash, expected) => AppPackageDigest.Check(stream, archive, expected, hash, cancel));
        }

        private static string? Compare(byte[] actual, byte[] expected, string what) =>
            DigestAlgorithms.SameBytes(actual, expected) ? null : what + " is not what was signed";

        private static SignedFile Signed(string path, SignedFileKind kind, byte[]? signature, string? publisher, Func<HashAlgorithmName, byte[], string?>? fileDigest)
        {
            if (signature is null)
            {
                throw new UnsignedFileException(kind);
            }

            var signedData = CmsSignedData.Read(signature);
            var signer = Pkcs7Signer.Find(signedData);
            try
            {
                // A damaged signer certificate is refused whatever the file's verification says (-Force cannot mend it),
                // so it is found before the file is verified: nothing is hashed for a file that is refused anyway.
                if (CertificateChecks.FindDamage(signer) is { } damage)
                {
                    throw new SignerCertificateDamagedException(damage);
                }

                return new SignedFile(path, kind, signer, publisher, SignedFileVerifier.Verify(signedData, signer, fileDigest, isCatalog: kind == SignedFileKind.Catalog));
            }
            catch
            {
                // A damaged signer, Ctrl+C while hashing, or damage found while verifying: nobody gets the signer to dispose.
                signer.Dispose();
                throw;
            }
        }

        private static byte[] ReadAll(Stream stream, long maxSignatureBytes)
        {
            if (stream.Length > maxSignatureBytes)
            {
                throw new SignatureFormatException("it is larger than " + (maxSignatureBytes / (1024 * 1024)) + " MiB");
            }

            stream.Position = 0;
            return StreamBytes.Read(stream, stream.Length);
        }
    }
}
