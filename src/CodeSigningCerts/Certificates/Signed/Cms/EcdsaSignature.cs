using System;

namespace CodeSigningCerts.Certificates.Signed.Cms
{
    /// <summary>
    /// An ECDSA signature as CMS carries it, Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 5753 7.2), as the
    /// fixed-size r‖s that netstandard2.0's ECDsa.VerifyData takes (IEEE P1363).
    /// </summary>
    internal static class EcdsaSignature
    {
        /// <summary>r‖s, each <paramref name="fieldBytes"/> long, or null when an integer does not fit.</summary>
        public static byte[]? ToFixed(byte[] der, int fieldBytes)
        {
            var sequence = new DerReader(der).Read(0x30, "the ECDSA signature").Children();
            var result = new byte[fieldBytes * 2];
            return Copy(sequence.Read(0x02, "r").Content(), result, 0, fieldBytes) && Copy(sequence.Read(0x02, "s").Content(), result, fieldBytes, fieldBytes) ? result : null;
        }

        private static bool Copy(byte[] integer, byte[] target, int offset, int size)
        {
            var start = 0;
            while (start < integer.Length - 1 && integer[start] == 0)
            {
                start++;
            }

            var length = integer.Length - start;
            if (length > size)
            {
                return false;
            }

            Buffer.BlockCopy(integer, start, target, offset + size - length, length);
            return true;
        }
    }
}
