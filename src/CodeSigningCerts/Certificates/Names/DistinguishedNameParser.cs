using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CodeSigningCerts.Certificates.Names
{
    /// <summary>
    /// Reads a DN written by Windows or .NET (<c>CN=a, O=b</c>, <c>CN="a, b"</c>, <c>;</c> between RDNs, <c> + </c> within
    /// one), by RFC 2253/4514 (<c>CN=a\,b,O=b</c>, <c>\2C</c>, <c>#04…</c>), or by OpenSSL's one-line forms (<c>/O=b/CN=a</c>,
    /// <c>O = b, CN = a</c>) into RDNs of (attribute OID, value), most specific RDN first.
    /// </summary>
    /// <remarks>
    /// Written here rather than left to <c>X500DistinguishedName(string)</c>: that parser is the platform's (CertStrToName on
    /// Windows, a managed one elsewhere) and, on Linux with .NET 10, refuses RFC 4514's <c>\,</c>, reads <c>CN=a+OU=c</c> as
    /// one CN, keeps <c>#0c0161</c> as text and refuses <c>/O=b/CN=a</c>, so the same DN would compare differently on
    /// Windows PowerShell and on PowerShell 7 on Linux. Graph gives the DN only as text, so there is no DER to read
    /// with System.Formats.Asn1 either.
    /// </remarks>
    internal sealed class DistinguishedNameParser
    {
        private readonly string _text;
        private readonly bool _slashes;
        private int _at;

        // One reading of one text: where it is, and whether RDNs are separated by slashes (OpenSSL) or commas.
        private DistinguishedNameParser(string text, int start, bool slashes)
        {
            _text = text;
            _at = start;
            _slashes = slashes;
        }

        /// <summary>The RDNs, most specific first; null when <paramref name="text"/> is not a DN.</summary>
        public static List<IReadOnlyList<KeyValuePair<string, string>>>? TryParse(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                return null;
            }

            var slashes = trimmed[0] == '/';
            var reader = new DistinguishedNameParser(trimmed, slashes ? 1 : 0, slashes);
            var rdns = new List<IReadOnlyList<KeyValuePair<string, string>>>();
            while (true)
            {
                var rdn = reader.ReadRdn();
                if (rdn is null)
                {
                    return null;
                }

                rdns.Add(rdn);
                if (reader.AtEnd)
                {
                    break;
                }

                if (!reader.SkipRdnSeparator())
                {
                    return null;
                }
            }

            if (slashes)
            {
                // OpenSSL's slash form is in the certificate's own order (country first): most specific first, as the rest.
                rdns.Reverse();
            }

            return rdns;
        }

        private bool AtEnd
        {
            get
            {
                SkipSpaces();
                return _at >= _text.Length;
            }
        }

        private bool SkipRdnSeparator()
        {
            SkipSpaces();
            var c = _text[_at];
            if (_slashes ? c == '/' : c is ',' or ';')
            {
                _at++;
                return true;
            }

            return false;
        }

        /// <summary>One RDN: attributes joined by '+'; null when it is malformed.</summary>
        private IReadOnlyList<KeyValuePair<string, string>>? ReadRdn()
        {
            var attributes = new List<KeyValuePair<string, string>>(1);
            while (true)
            {
                var type = ReadType();
                SkipSpaces();
                if (type is null || _at >= _text.Length || _text[_at] != '=')
                {
                    return null;
                }

                _at++;
                SkipSpaces();
                var value = ReadValue();
                if (value is null)
                {
                    return null;
                }

                attributes.Add(new KeyValuePair<string, string>(Oid(type), value));
                SkipSpaces();
                if (_at < _text.Length && _text[_at] == '+')
                {
                    _at++;
                    continue;
                }

                return attributes;
            }
        }

        private string? ReadType()
        {
            SkipSpaces();
            var start = _at;
            while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '.' or '-' or '_'))
            {
                _at++;
            }

            return _at > start ? _text.Substring(start, _at - start) : null;
        }

        private string? ReadValue()
        {
            if (_at < _text.Length && _text[_at] == '"')
            {
                return ReadQuoted();
            }

            if (_at < _text.Length && _text[_at] == '#')
            {
                return ReadHex();
            }

            return ReadPlain();
        }

        /// <summary>Windows' and RFC 1779's quoted value: "" or \" for a quote inside.</summary>
        private string? ReadQuoted()
        {
            var value = new StringBuilder();
            _at++;
            while (_at < _text.Length)
            {
                var c = _text[_at++];
                if (c == '"')
                {
                    if (_at < _text.Length && _text[_at] == '"')
                    {
                        value.Append('"');
                        _at++;
                        continue;
                    }

                    return value.ToString();
                }

                if (c == '\\' && _at < _text.Length)
                {
                    c = _text[_at++];
                }

                value.Append(c);
            }

            return null; // no closing quote
        }

        /// <summary>RFC 4514's unquoted value: up to the next unescaped separator, escapes resolved, trailing spaces dropped.</summary>
        private string ReadPlain()
        {
            var bytes = new List<byte>();
            var value = new StringBuilder();
            var significantLength = 0;
            while (_at < _text.Length)
            {
                var c = _text[_at];
                if (IsSeparator(c))
                {
                    break;
                }

                _at++;
                if (c == '\\' && _at < _text.Length)
                {
                    if (_at + 1 < _text.Length && IsHex(_text[_at]) && IsHex(_text[_at + 1]))
                    {
                        // \XX is a byte of the value's UTF-8: gather a run of them, then decode it whole.
                        bytes.Add(byte.Parse(_text.Substring(_at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _at += 2;
                        if (!(_at < _text.Length - 2 && _text[_at] == '\\' && IsHex(_text[_at + 1]) && IsHex(_text[_at + 2])))
                        {
                            value.Append(Encoding.UTF8.GetString(bytes.ToArray()));
                            bytes.Clear();
                        }

                        significantLength = value.Length;
                        continue;
                    }

                    value.Append(_text[_at++]);
                    significantLength = value.Length;
                    continue;
                }

                value.Append(c);
                if (!char.IsWhiteSpace(c))
                {
                    significantLength = value.Length;
                }
            }

            return value.ToString(0, significantLength);
        }

        /// <summary>RFC 4514's '#' and the hex of the value's BER: a string type is read as its text; anything else stays hex.</summary>
        private string ReadHex()
        {
            var start = _at;
            _at++;
            while (_at < _text.Length && IsHex(_text[_at]))
            {
                _at++;
            }

            var hex = _text.Substring(start + 1, _at - start - 1);
            return DecodeBerString(hex) ?? "#" + hex.ToLowerInvariant();
        }

        private bool IsSeparator(char c) => _slashes ? c is '/' or '+' : c is ',' or ';' or '+';

        private void SkipSpaces()
        {
            while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
            {
                _at++;
            }
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        /// <summary>A UTF8String, PrintableString, T61String, IA5String or BMPString with a short or one-byte length; null otherwise.</summary>
        private static string? DecodeBerString(string hex)
        {
            if (hex.Length < 4 || hex.Length % 2 != 0)
            {
                return null;
            }

            var bytes = new byte[hex.Length / 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = byte.Parse(hex.Substring(2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }

            var tag = bytes[0];
            int length = bytes[1];
            var offset = 2;
            if (length == 0x81 && bytes.Length > 2)
            {
                length = bytes[2];
                offset = 3;
            }

            // Short form, or one length byte (0x81): longer forms are never a DN value's.
            if (bytes[1] > 0x81 || offset + length != bytes.Length)
            {
                return null;
            }

            return tag switch
            {
                0x0C => Encoding.UTF8.GetString(bytes, offset, length),
                0x13 or 0x14 or 0x16 => Encoding.GetEncoding("ISO-8859-1").GetString(bytes, offset, length),
                0x1E => Encoding.BigEndianUnicode.GetString(bytes, offset, length),
                _ => null,
            };
        }

        // The attribute names a DN may be written with, by the OID they stand for: Windows and .NET write S and E,
        // OpenSSL ST and emailAddress, RFC 4514 allows OID.2.5.4.3 or 2.5.4.3. Two spellings of one attribute compare
        // as the same attribute.
        private static readonly Dictionary<string, string> OidsByName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["CN"] = "2.5.4.3",
            ["SN"] = "2.5.4.4",
            ["SURNAME"] = "2.5.4.4",
            ["SERIALNUMBER"] = "2.5.4.5",
            ["C"] = "2.5.4.6",
            ["L"] = "2.5.4.7",
            ["S"] = "2.5.4.8",
            ["ST"] = "2.5.4.8",
            ["STREET"] = "2.5.4.9",
            ["O"] = "2.5.4.10",
            ["OU"] = "2.5.4.11",
            ["T"] = "2.5.4.12",
            ["TITLE"] = "2.5.4.12",
            ["DESCRIPTION"] = "2.5.4.13",
            ["POSTALCODE"] = "2.5.4.17",
            ["G"] = "2.5.4.42",
            ["GN"] = "2.5.4.42",
            ["GIVENNAME"] = "2.5.4.42",
            ["I"] = "2.5.4.43",
            ["INITIALS"] = "2.5.4.43",
            ["DNQUALIFIER"] = "2.5.4.46",
            ["DNQ"] = "2.5.4.46",
            ["DC"] = "0.9.2342.19200300.100.1.25",
            ["UID"] = "0.9.2342.19200300.100.1.1",
            ["E"] = "1.2.840.113549.1.9.1",
            ["EMAIL"] = "1.2.840.113549.1.9.1",
            ["EMAILADDRESS"] = "1.2.840.113549.1.9.1",
            ["UNSTRUCTUREDNAME"] = "1.2.840.113549.1.9.2",
        };

        /// <summary>The OID <paramref name="name"/> stands for; an unknown keyword stays itself, upper-cased.</summary>
        public static string Oid(string name)
        {
            if (name.StartsWith("OID.", StringComparison.OrdinalIgnoreCase))
            {
                return name.Substring(4);
            }

            return OidsByName.TryGetValue(name, out var oid) ? oid : name.ToUpperInvariant();
        }
    }
}
