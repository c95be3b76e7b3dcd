using System;
using System.Globalization;
using System.Text;

namespace CodeSigningCerts.Certificates.Signed.Cms
{
    /// <summary>UTCTime and GeneralizedTime as DER writes them (X.690 11.7, 11.8; RFC 5280 4.1.2.5): in UTC, ending in Z.</summary>
    internal static class DerTime
    {
        public static DateTime Read(DerElement element)
        {
            var text = Encoding.ASCII.GetString(element.Data, element.ContentStart, element.ContentLength);
            string[] formats = element.Tag switch
            {
                // RFC 5280: a two-digit year below 50 is 20YY (the "yy" parser's own pivot differs, so the century is added here).
                0x17 => new[] { "yyMMddHHmmss'Z'", "yyMMddHHmm'Z'" },
                0x18 => new[] { "yyyyMMddHHmmss'Z'", "yyyyMMddHHmmss.FFFFFFF'Z'" },
                _ => throw new SignatureFormatException("a time is neither UTCTime nor GeneralizedTime"),
            };

            if (element.Tag == 0x17 && text.Length >= 2)
            {
                text = (text[0] < '5' ? "20" : "19") + text;
                formats = new[] { "yyyyMMddHHmmss'Z'", "yyyyMMddHHmm'Z'" };
            }

            if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            {
                throw new SignatureFormatException("a time in it cannot be read");
            }

            return DateTime.SpecifyKind(time, DateTimeKind.Utc);
        }
    }
}
