using System.Text;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// Windows-1252 decoding, written out because .NET on Linux and macOS has no code pages without an extra package:
    /// ISO-8859-1 but for 0x80-0x9F, which hold the typographic characters of the Unicode consortium's cp1252 mapping
    /// (the five unassigned octets map to the C1 control of the same value, as MultiByteToWideChar maps them).
    /// </summary>
    internal sealed class Windows1252 : Encoding
    {
        public static readonly Windows1252 Instance = new Windows1252();

        private static readonly char[] High =
        {
            '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
            '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
        };

        public override int GetByteCount(char[] chars, int index, int count) => count;

        public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex)
        {
            for (var i = 0; i < charCount; i++)
            {
                var c = chars[charIndex + i];
                var index = System.Array.IndexOf(High, c);
                bytes[byteIndex + i] = index >= 0 ? (byte)(0x80 + index) : c < 0x100 ? (byte)c : (byte)'?';
            }

            return charCount;
        }

        public override int GetCharCount(byte[] bytes, int index, int count) => count;

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
        {
            for (var i = 0; i < byteCount; i++)
            {
                var b = bytes[byteIndex + i];
                chars[charIndex + i] = b >= 0x80 && b < 0xA0 ? High[b - 0x80] : (char)b;
            }

            return byteCount;
        }

        public override int GetMaxByteCount(int charCount) => charCount;

        public override int GetMaxCharCount(int byteCount) => byteCount;
    }
}
