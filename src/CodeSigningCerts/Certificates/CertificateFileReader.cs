using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CodeSigningCerts.Certificates
{
    /// <summary>
    /// Reads the certificates in a file: DER (.cer/.crt), PEM with one or more certificates, PKCS#7
    /// (.p7b) and PKCS#12 (.pfx/.p12). The format is recognised from the bytes, not the extension.
    /// Every certificate returned is a public-only copy: a PFX's private key is dropped at once.
    /// </summary>
    internal static class CertificateFileReader
    {
        private const string PemCertificateHeader = "-----BEGIN CERTIFICATE-----";
        private const string PemCertificateFooter = "-----END CERTIFICATE-----";
        private const string PemPkcs7Header = "-----BEGIN PKCS7-----";
        private const string PemPkcs7Footer = "-----END PKCS7-----";

        /// <summary>
        /// The largest file read: 4 MiB. A certificate is one or two kilobytes, a PFX with its chain a few, and a PEM
        /// bundle of a thousand certificates under 2 MiB; anything larger is not a certificate file, and is refused
        /// before it is read, so that memory stays bounded whatever the path names.
        /// </summary>
        public const long MaxFileBytes = 4L * 1024 * 1024;

        public static IReadOnlyList<X509Certificate2> Read(string path, SecureString? password, System.Threading.CancellationToken cancel = default)
        {
            if (NotAFile(path, "certificate file") is { } notAFile)
            {
                throw notAFile;
            }

            // A signed file (app package, PE, script, catalog) gives the certificate that signed it.
            // It must verify (issue 24): a file changed after signing gives SignedFileNotVerified, which -Force overrides.
            // A damaged signer certificate is SignedFileSignatureDamaged, refused by the reader before verification is weighed.
            if (Signed.SignedFileReader.TryRead(path, cancel) is { } signedFile)
            {
                return new[] { signedFile.Signer };
            }

            var certificates = Parse(ReadBounded(path), password, path);
            RefuseDamaged(certificates, path);
            return certificates;
        }

        /// <summary>Why <paramref name="path"/> names no file (a directory, nothing), said of a <paramref name="noun"/>; null when it names one.</summary>
        public static CertificateInputException? NotAFile(string path, string noun)
        {
            if (Directory.Exists(path))
            {
                return new CertificateInputException(ErrorIds.CertificatePathIsDirectory, ErrorCategory.InvalidArgument, "'" + path + "' is a directory, not a " + noun + ".");
            }

            return File.Exists(path)
                ? null
                : new CertificateInputException(ErrorIds.CertificateFileNotFound, ErrorCategory.ObjectNotFound, "Cannot find the " + noun + " '" + path + "'.");
        }

        /// <summary>
        /// The file's bytes, refusing before reading what is not a regular file (a FIFO would block the open for good,
        /// a device never ends) and what is larger than <see cref="MaxFileBytes"/>.
        /// </summary>
        private static byte[] ReadBounded(string path)
        {
            RefuseNotRegular(path);
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
                if (!stream.CanSeek)
                {
                    // Where the kind was not known (Windows): a pipe or a device opens, and cannot seek.
                    throw NotRegular(path, "a device or a pipe");
                }

                var length = stream.Length;
                if (length > MaxFileBytes)
                {
                    throw new CertificateInputException(
                        ErrorIds.CertificateFileTooLarge,
                        ErrorCategory.LimitsExceeded,
                        string.Format(CultureInfo.InvariantCulture, "'{0}' is {1:N0} bytes; a certificate file is at most {2:N0} bytes ({3} MiB), so it was not read.", path, length, MaxFileBytes, MaxFileBytes / (1024 * 1024)));
                }

                return StreamBytes.Read(stream, length);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new CertificateInputException(ErrorIds.CertificateFileUnreadable, ErrorCategory.ReadError, "Cannot read '" + path + "': " + ex.Message, ex);
            }
        }

        /// <summary>Refuses, before anything opens it, what is not a regular file: a FIFO would block the open for good, a device never ends.</summary>
        internal static void RefuseNotRegular(string path)
        {
            var kind = FileKinds.Of(path);
            if (kind == FileKind.BrokenLink)
            {
                throw new CertificateInputException(ErrorIds.CertificateFileUnreadable, ErrorCategory.ReadError, "Cannot read '" + path + "': it is a symbolic link that leads to nothing, or around in a loop.");
            }

            if (kind != FileKind.Regular && kind != FileKind.Unknown)
            {
                throw NotRegular(path, Describe(kind));
            }
        }

        private static CertificateInputException NotRegular(string path, string what) =>
            new CertificateInputException(ErrorIds.CertificateFileNotRegular, ErrorCategory.InvalidArgument, "'" + path + "' is " + what + ", not a regular file; it was not read.");

        private static string Describe(FileKind kind) => kind switch
        {
            FileKind.NamedPipe => "a named pipe (FIFO)",
            FileKind.CharacterDevice => "a character device",
            FileKind.BlockDevice => "a block device",
            FileKind.Socket => "a socket",
            _ => "not a file",
        };

        /// <summary>
        /// A certificate in the file that loads but has a part that cannot be decoded makes the whole file unreadable
        /// (a certificate file's; a signed file's damaged signer is SignedFileSignatureDamaged, see SignedFileReader).
        /// </summary>
        private static void RefuseDamaged(IReadOnlyList<X509Certificate2> certificates, string source)
        {
            for (var i = 0; i < certificates.Count; i++)
            {
                if (CertificateChecks.FindDamage(certificates[i]) is { } damage)
                {
                    foreach (var certificate in certificates)
                    {
                        certificate.Dispose();
                    }

                    var which = certificates.Count == 1 ? "the certificate in it" : string.Format(CultureInfo.InvariantCulture, "certificate {0} of {1} in it", i + 1, certificates.Count);
                    throw Unreadable(source, which + " is damaged: " + damage, null);
                }
            }
        }

        internal static IReadOnlyList<X509Certificate2> Parse(byte[] bytes, SecureString? password, string source)
        {
            if (bytes.Length == 0)
            {
                throw Unreadable(source, "it is empty", null);
            }

            if (LooksLikePkcs12(bytes))
            {
                return ReadPkcs12(bytes, password, source);
            }

            var text = TryReadAsciiText(bytes);
            if (text is not null && text.IndexOf("-----BEGIN ", StringComparison.Ordinal) >= 0)
            {
                return ReadPem(text, source);
            }

            return ReadDerOrPkcs7(bytes, source);
        }

        private static IReadOnlyList<X509Certificate2> ReadPem(string text, string source)
        {
            var certificates = new List<X509Certificate2>();
            foreach (var block in PemBlocks(text, PemCertificateHeader, PemCertificateFooter, source))
            {
                certificates.Add(FromDer(DecodeBase64(block, source), source));
            }

            foreach (var block in PemBlocks(text, PemPkcs7Header, PemPkcs7Footer, source))
            {
                certificates.AddRange(ReadDerOrPkcs7(DecodeBase64(block, source), source));
            }

            if (certificates.Count == 0)
            {
                throw Unreadable(source, "it is PEM text without a CERTIFICATE or PKCS7 block", null);
            }

            return certificates;
        }

        private static IReadOnlyList<X509Certificate2> ReadDerOrPkcs7(byte[] bytes, string source)
        {
            var collection = new X509Certificate2Collection();
            try
            {
                // Import reads a single DER certificate and a PKCS#7 bundle alike.
                collection.Import(bytes);
            }
            catch (CryptographicException ex)
            {
                throw Unreadable(source, "it is not a certificate, a PKCS#7 bundle, a PEM file or a PFX (it may be damaged or truncated)", ex);
            }

            if (collection.Count == 0)
            {
                throw Unreadable(source, "it holds no certificate", null);
            }

            var certificates = new List<X509Certificate2>(collection.Count);
            foreach (var certificate in collection)
            {
                certificates.Add(PublicOnly(certificate));
            }

            return certificates;
        }

        private static IReadOnlyList<X509Certificate2> ReadPkcs12(byte[] bytes, SecureString? password, string source)
        {
            var collection = new X509Certificate2Collection();
            try
            {
                // The plain password lives only for this call; the key is never kept (see PublicOnly).
                collection.Import(bytes, password is null ? null : new NetworkCredential(string.Empty, password).Password, Pkcs12Flags());
            }
            catch (CryptographicException ex)
            {
                if (password is null)
                {
                    throw new CertificateInputException(ErrorIds.CertificatePasswordRequired, ErrorCategory.SecurityError, "'" + source + "' is a PFX (PKCS#12) file protected by a password. Give it with -Password (a SecureString).", ex);
                }

                throw new CertificateInputException(ErrorIds.CertificatePasswordIncorrect, ErrorCategory.SecurityError, "Cannot open the PFX (PKCS#12) file '" + source + "': the password is wrong or the file is damaged.", ex);
            }

            // A PFX usually carries its chain as well: the certificate to upload is the one with the key.
            var withKey = new List<X509Certificate2>();
            var all = new List<X509Certificate2>();
            foreach (var certificate in collection)
            {
                (certificate.HasPrivateKey ? withKey : all).Add(PublicOnly(certificate));
            }

            return withKey.Count > 0 ? withKey : all;
        }

        /// <summary>A copy without the private key, and the original (which may hold one) disposed.</summary>
        private static X509Certificate2 PublicOnly(X509Certificate2 certificate)
        {
            var copy = new X509Certificate2(certificate.RawData);
            certificate.Dispose();
            return copy;
        }

        private static X509Certificate2 FromDer(byte[] der, string source)
        {
            try
            {
                return new X509Certificate2(der);
            }
            catch (CryptographicException ex)
            {
                throw Unreadable(source, "a CERTIFICATE block in it is damaged or truncated", ex);
            }
        }

        // X509KeyStorageFlags.EphemeralKeySet (.NET Framework 4.7.2+, .NET Core 2.0+) is not in the
        // netstandard2.0 reference, but every runtime this module loads in has it.
        private const X509KeyStorageFlags EphemeralKeySet = (X509KeyStorageFlags)32;

        private static X509KeyStorageFlags Pkcs12Flags() =>
            // Ephemeral keys never touch the disk; macOS does not support them.
            RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? X509KeyStorageFlags.DefaultKeySet : EphemeralKeySet;

        /// <summary>A PKCS#12 PFX is a DER SEQUENCE whose first element is INTEGER 3 (the version).</summary>
        private static bool LooksLikePkcs12(byte[] bytes)
        {
            if (bytes.Length < 8 || bytes[0] != 0x30)
            {
                return false;
            }

            var index = 2;
            if ((bytes[1] & 0x80) != 0)
            {
                index += bytes[1] & 0x7F;
            }

            return index + 2 < bytes.Length && bytes[index] == 0x02 && bytes[index + 1] == 0x01 && bytes[index + 2] == 0x03;
        }

        private static string? TryReadAsciiText(byte[] bytes)
        {
            foreach (var b in bytes)
            {
                if (b == 0 || b > 0x7F)
                {
                    return null;
                }
            }

            return Encoding.ASCII.GetString(bytes);
        }

        private static IEnumerable<string> PemBlocks(string text, string header, string footer, string source)
        {
            var start = text.IndexOf(header, StringComparison.Ordinal);
            while (start >= 0)
            {
                var bodyStart = start + header.Length;
                var end = text.IndexOf(footer, bodyStart, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Unreadable(source, "a " + header + " block has no end line (the file is truncated)", null);
                }

                yield return text.Substring(bodyStart, end - bodyStart);
                start = text.IndexOf(header, end + footer.Length, StringComparison.Ordinal);
            }
        }

        private static byte[] DecodeBase64(string block, string source)
        {
            try
            {
                return Convert.FromBase64String(block.Trim());
            }
            catch (FormatException ex)
            {
                throw Unreadable(source, "a PEM block in it is not valid base64", ex);
            }
        }

        private static CertificateInputException Unreadable(string source, string reason, Exception? inner) =>
            new CertificateInputException(ErrorIds.CertificateFileUnreadable, ErrorCategory.InvalidData, "Cannot read a certificate from '" + source + "': " + reason + ".", inner);
    }
}
