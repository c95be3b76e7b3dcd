using System;
using System.Collections.Generic;
using System.Linq;
using CodeSigningCerts.Certificates.Names;

namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>
    /// Whether a package manifest's Publisher matches its signer's subject as Windows requires when it installs or signs a
    /// package: Microsoft's packaging docs say the Publisher "must match the subject of the signing certificate", and
    /// SignTool/MakeAppx refuse a mismatch (0x8007000B). Windows reads the Publisher string as an X.500 name and compares it
    /// with the certificate's encoded subject, so the spelling of separators and of spaces around them does not count, but
    /// everything that changes the encoded name does: the RDNs in the order written (most specific first, as
    /// Windows writes a subject), each attribute type, and each value exactly, case included. That is stricter than
    /// <see cref="DistinguishedName.AreSame"/>, which identifies Graph's entries however they are spelled.
    /// </summary>
    internal static class PublisherMatch
    {
        public static bool Matches(string? publisher, string subject)
        {
            if (publisher is null)
            {
                return false;
            }

            var written = DistinguishedNameParser.TryParse(publisher);
            var signed = DistinguishedNameParser.TryParse(subject);
            if (written is null || signed is null)
            {
                return string.Equals(publisher.Trim(), subject.Trim(), StringComparison.Ordinal);
            }

            return written.Count == signed.Count && written.Zip(signed, SameRdn).All(same => same);
        }

        private static bool SameRdn(IReadOnlyList<KeyValuePair<string, string>> a, IReadOnlyList<KeyValuePair<string, string>> b) =>
            a.Count == b.Count && Canonical(a).SequenceEqual(Canonical(b), StringComparer.Ordinal);

        // Within one RDN the attributes form a set: their order is not part of the name.
        private static IEnumerable<string> Canonical(IReadOnlyList<KeyValuePair<string, string>> rdn) =>
            rdn.Select(attribute => attribute.Key + "=" + attribute.Value).OrderBy(text => text, StringComparer.Ordinal);
    }
}
