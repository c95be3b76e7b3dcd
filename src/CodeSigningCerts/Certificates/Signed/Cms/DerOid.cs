using System.Globalization;
using System.Text;

namespace CodeSigningCerts.Certificates.Signed.Cms
{
    /// <summary>
    /// An OBJECT IDENTIFIER's content octets as dotted text (X.690 8.19): the first octet-group holds 40 × first arc +
    /// second arc, every group is base-128 with the high bit set on all octets but its last.
    /// </summary>
    internal static class DerOid
    {
        public static string Read(DerElement element)
        {
            if (element.Tag != 0x06 || element.ContentLength == 0)
            {
                throw new SignatureFormatException("an object identifier is not where it should be");
            }

            var text = new StringBuilder();
            long value = 0;
            var first = true;
            for (var i = element.ContentStart; i < element.End; i++)
            {
                var octet = element.Data[i];
                if (value > (long.MaxValue >> 7))
                {
                    throw new SignatureFormatException("an object identifier's arc is out of range");
                }

                value = (value << 7) | (uint)(octet & 0x7F);
                if ((octet & 0x80) != 0)
                {
                    continue;
                }

                if (first)
                {
                    var top = value < 80 ? value / 40 : 2;
                    text.Append(top.ToString(CultureInfo.InvariantCulture)).Append('.').Append((value - (top * 40)).ToString(CultureInfo.InvariantCulture));
                    first = false;
                }
                else
                {
                    text.Append('.').Append(value.ToString(CultureInfo.InvariantCulture));
                }

                value = 0;
            }

            if ((element.Data[element.End - 1] & 0x80) != 0)
            {
                throw new SignatureFormatException("an object identifier ends inside an arc");
            }

            return text.ToString();
        }
    }
}
