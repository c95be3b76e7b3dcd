using System;
using System.Collections.Generic;

namespace CodeSigningCerts.Certificates.Names
{
    /// <summary>
    /// The attribute names a DN may be written with, by the OID they stand for: Windows and .NET write <c>S</c> and
    /// <c>E</c>, OpenSSL <c>ST</c> and <c>emailAddress</c>, RFC 4514 allows <c>OID.2.5.4.3</c> or <c>2.5.4.3</c>. Two
    /// spellings of one attribute compare as the same attribute.
    /// </summary>
    internal static class AttributeTypes
    {
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
