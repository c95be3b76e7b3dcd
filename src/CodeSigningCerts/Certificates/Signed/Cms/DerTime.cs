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
            string[] formats;
            switch (element.Tag)
            {
                case 0x17:
                    // RFC 5280: a two-digit year below 50 is 20YY (the "yy" parser's own pivot differs, so the century is added here).
                    text = (text.Length > 0 && text[0] < '5' ? "20" : "19") + text;
                    formats = new[] { "yyyyMMddHHmmss'Z'", "yyyyMMddHHmm'Z'" };
                    break;
                case 0x18:
                    formats = new[] { "yyyyMMddHHmmss'Z'", "yyyyMMddHHmmss.FFFFFFF'Z'" };
                    break;
                default:
                    throw new SignatureFormatException("a time is neither UTCTime nor GeneralizedTime");
            }

            if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            {
                throw new SignatureFormatException("a time in it cannot be read");
            }

            return DateTime.SpecifyKind(time, DateTimeKind.Utc);
        }
    }
}
