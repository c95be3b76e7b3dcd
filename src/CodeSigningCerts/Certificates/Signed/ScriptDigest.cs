using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// The hash of a signed PowerShell file as PowerShell's SIP (pwrshsip.dll) computes it: the file's text up to the line
    /// break before the signature block, decoded to characters and hashed as UTF-16LE. The byte order mark is decoded
    /// with the rest, so it is hashed as U+FEFF. The encoding is the SIP's choice: a UTF-16LE, UTF-16BE or UTF-8 byte
    /// order mark; without one, UTF-8 when the first 32 bytes hold a well-formed multi-byte UTF-8 sequence, else the
    /// machine's ANSI code page. Microsoft documents that last case as locale-dependent ("Hash of the file does not match
    /// when running signed PowerShell script", learn.microsoft.com): it is judged here as Windows-1252 (en-US and most
    /// Western European locales), the same on every platform. Decoded streaming, 1 MiB at a time.
    /// </summary>
    internal static class ScriptDigest
    {
        private const int SniffBytes = 32;

        public static byte[] Compute(Stream stream, long signedTextEnd, HashAlgorithmName algorithm, CancellationToken cancel)
        {
            stream.Position = 0;
            var head = StreamBytes.Read(stream, Math.Min(SniffBytes, signedTextEnd));
            var decoder = EncodingOf(head).GetDecoder();
            using var hash = IncrementalHash.CreateHash(algorithm);

            // A chunk decodes to at most as many characters as it has bytes, plus one or two from bytes the decoder held
            // back from the chunk before (a sequence the chunk's end cut).
            // Each character is two bytes in UTF-16LE: one buffer of twice the characters' size takes every chunk's, so
            // no chunk allocates its own.
            var chars = new char[StreamHashing.ChunkBytes + 2];
            var utf16 = new byte[chars.Length * 2];
            var remaining = signedTextEnd;
            new StreamHashing(stream, cancel).ReadChunks(0, signedTextEnd, (bytes, read) =>
            {
                remaining -= read;
                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: remaining == 0);
                hash.AppendData(utf16, 0, Encoding.Unicode.GetBytes(chars, 0, count, utf16, 0));
            });

            return hash.GetHashAndReset();
        }

        /// <summary>The encoding the SIP decodes a file with, from its first bytes.</summary>
        internal static Encoding EncodingOf(byte[] head)
        {
            if (head.Length >= 2 && head[0] == 0xFF && head[1] == 0xFE)
            {
                return new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
            }

            if (head.Length >= 2 && head[0] == 0xFE && head[1] == 0xFF)
            {
                return new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
            }

            if ((head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) || HasUtf8Sequence(head))
            {
                return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            }

            return Windows1252.Instance;
        }

        // IsTextUnicode's UTF-8 test as the SIP applies it: at least one multi-byte sequence, and every one well-formed
        // (a sequence cut by the end of the sniffed bytes is not).
        private static bool HasUtf8Sequence(byte[] head)
        {
            var multiByte = false;
            var pending = 0;
            foreach (var octet in head)
            {
                if (pending == 0)
                {
                    if ((octet & 0x80) == 0)
                    {
                        continue;
                    }

                    multiByte = true;
                    var lead = octet;
                    while ((lead & 0x80) != 0)
                    {
                        lead <<= 1;
                        pending++;
                    }

                    pending--;
                    if (pending == 0)
                    {
                        return false;
                    }
                }
                else if ((octet & 0xC0) == 0x80)
                {
                    pending--;
                }
                else
                {
                    return false;
                }
            }

            return multiByte && pending == 0;
        }
    }
}
