using System;
using System.IO;
using System.Text;
using CodeSigningCerts.Certificates.Signed.Cms;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// The signature block Set-AuthenticodeSignature appends to a PowerShell file: base64 PKCS#7 between
    /// "SIG # Begin signature block" and "SIG # End signature block", each line a comment ("# …" in .ps1, .psm1, .psd1;
    /// "&lt;!-- … --&gt;" in .ps1xml). The block ends the file, so only the file's tail is read; the file keeps its
    /// encoding when signed, so UTF-16 is told by its byte order mark.
    /// </summary>
    internal static class ScriptSignature
    {
        private const string BeginMarker = "SIG # Begin signature block";
        private const string EndMarker = "SIG # End signature block";

        /// <summary>The extensions Set-AuthenticodeSignature signs as PowerShell text.</summary>
        public static bool IsScript(string path)
        {
            var extension = Path.GetExtension(path);
            return extension.Equals(".ps1", StringComparison.OrdinalIgnoreCase)
                || extension.Equals(".psm1", StringComparison.OrdinalIgnoreCase)
                || extension.Equals(".psd1", StringComparison.OrdinalIgnoreCase)
                || extension.Equals(".ps1xml", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The PKCS#7 bytes and where the signed text ends, or null when the file has no signature block; throws <see cref="SignatureFormatException"/> for a damaged block.</summary>
        public static ScriptLayout? Read(Stream stream, byte[] head, long maxTailBytes)
        {
            var encoding = EncodingOf(head, out var preamble);
            var unit = encoding is UnicodeEncoding ? 2 : 1;
            var start = Math.Max(preamble, stream.Length - maxTailBytes);
            start -= (start - preamble) % unit;
            stream.Position = start;
            var bytes = StreamBytes.Read(stream, stream.Length - start);

            var text = encoding.GetString(bytes);
            var begin = text.LastIndexOf(BeginMarker, StringComparison.Ordinal);
            if (begin < 0)
            {
                return null;
            }

            var end = text.IndexOf(EndMarker, begin, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new SignatureFormatException("its signature block has no end line (the file is truncated)");
            }

            var base64 = new StringBuilder();
            var lines = text.Substring(begin + BeginMarker.Length, end - begin - BeginMarker.Length).Split('\n');
            foreach (var line in lines)
            {
                base64.Append(Payload(line));
            }

            byte[] signature;
            try
            {
                signature = Convert.FromBase64String(base64.ToString());
            }
            catch (FormatException)
            {
                throw new SignatureFormatException("its signature block is not valid base64");
            }

            return new ScriptLayout(signature, SignedTextEnd(bytes, start, encoding));
        }

        /// <summary>
        /// Where the signed text ends: at the line break before the block's first line ("\r\n# SIG # Begin signature block",
        /// or "\r\n&lt;!-- SIG # Begin…" in XML), which Set-AuthenticodeSignature writes and leaves out of the hash.
        /// -1 when that line break is not there (the hash then cannot match). The last opening of either kind is the
        /// block's: a .ps1xml may quote a script's opening line earlier in its text.
        /// </summary>
        private static long SignedTextEnd(byte[] tail, long tailStart, Encoding encoding)
        {
            var at = -1;
            foreach (var opening in new[] { "\r\n# ", "\r\n<!-- " })
            {
                at = Math.Max(at, LastIndexOf(tail, encoding.GetBytes(opening + BeginMarker)));
            }

            return at < 0 ? -1 : tailStart + at;
        }

        private static int LastIndexOf(byte[] data, byte[] pattern)
        {
            for (var i = data.Length - pattern.Length; i >= 0; i--)
            {
                var j = 0;
                while (j < pattern.Length && data[i + j] == pattern[j])
                {
                    j++;
                }

                if (j == pattern.Length)
                {
                    return i;
                }
            }

            return -1;
        }

        // A line of the block without its comment markers: "# MIIb…" or "<!-- MIIb… -->".
        private static string Payload(string line)
        {
            var text = line.Trim();
            if (text.StartsWith("<!--", StringComparison.Ordinal))
            {
                text = text.Substring(4);
            }
            else if (text.StartsWith("#", StringComparison.Ordinal))
            {
                text = text.Substring(1);
            }

            if (text.EndsWith("-->", StringComparison.Ordinal))
            {
                text = text.Substring(0, text.Length - 3);
            }

            // What precedes the first line (the rest of the "Begin" line, " -->") leaves nothing.
            return text.Trim();
        }

        private static Encoding EncodingOf(byte[] head, out int preamble)
        {
            if (head.Length >= 2 && head[0] == 0xFF && head[1] == 0xFE)
            {
                preamble = 2;
                return Encoding.Unicode;
            }

            if (head.Length >= 2 && head[0] == 0xFE && head[1] == 0xFF)
            {
                preamble = 2;
                return Encoding.BigEndianUnicode;
            }

            // UTF-8, with or without its BOM, and ANSI: the block itself is ASCII in both.
            preamble = head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
            return Encoding.UTF8;
        }
    }
}
