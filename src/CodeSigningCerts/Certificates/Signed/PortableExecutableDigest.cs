using System.IO;
using System.Security.Cryptography;
using System.Threading;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// The Authenticode image hash of a PE file ("Windows Authenticode Portable Executable Signature Format", Calculating
    /// the PE Image Hash): every byte of the file but the optional header's CheckSum, the security directory entry and
    /// the attribute certificate table, in file order. Signing changes exactly those three, so any other byte changed
    /// after signing changes the hash. Bytes after the certificate table are not hashed, as Windows does not hash them.
    /// </summary>
    internal static class PortableExecutableDigest
    {
        public static byte[] Compute(Stream stream, PortableExecutableLayout layout, HashAlgorithmName algorithm, CancellationToken cancel)
        {
            using var hash = IncrementalHash.CreateHash(algorithm);
            var hashing = new StreamHashing(stream, cancel);
            hashing.Append(hash, 0, layout.ChecksumOffset);
            hashing.Append(hash, layout.ChecksumOffset + 4, layout.SecurityDirectoryOffset);
            hashing.Append(hash, layout.SecurityDirectoryOffset + 8, layout.CertificateTableOffset);
            return hash.GetHashAndReset();
        }
    }
}
