using System.Security.Cryptography;

namespace CodeSigningCerts.Certificates.Signed.Cms
{
    /// <summary>
    /// The digests a signature may name, by OID (RFC 5754, RFC 3279). MD5 is not among them: Windows refuses MD5
    /// signatures for code (KB 2880823's successors), so a file signed with it does not verify here either.
    /// </summary>
    internal static class DigestAlgorithms
    {
        /// <summary>The hash the OID names, or null when it names none this module computes.</summary>
        public static HashAlgorithmName? FromOid(string oid) => oid switch
        {
            "1.3.14.3.2.26" => HashAlgorithmName.SHA1,
            "2.16.840.1.101.3.4.2.1" => HashAlgorithmName.SHA256,
            "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
            "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
            _ => null,
        };

        /// <summary>The hash of a signature algorithm that names one (sha256WithRSAEncryption, ecdsa-with-SHA384...), else null.</summary>
        public static HashAlgorithmName? FromSignatureOid(string oid) => oid switch
        {
            "1.2.840.113549.1.1.5" or "1.2.840.10045.4.1" => HashAlgorithmName.SHA1,
            "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
            "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
            "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
            _ => null,
        };

        /// <summary>Why a digest <see cref="FromOid"/> does not know cannot be verified, for a message after "it digests … with".</summary>
        public static string NotVerifiedHere(string oid) => oid + ", which is not verified here (SHA-1, SHA-256, SHA-384 and SHA-512 are)";

        public static byte[] Hash(HashAlgorithmName algorithm, byte[] data)
        {
            using var hash = IncrementalHash.CreateHash(algorithm);
            hash.AppendData(data);
            return hash.GetHashAndReset();
        }

        public static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            var difference = 0;
            for (var i = 0; i < a.Length; i++)
            {
                difference |= a[i] ^ b[i];
            }

            return difference == 0;
        }
    }
}
