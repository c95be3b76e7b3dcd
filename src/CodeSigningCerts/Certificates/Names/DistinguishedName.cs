using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CodeSigningCerts.Certificates.Names
{
    /// <summary>
    /// A distinguished name compared as a name, not as a string (how the service formats a DN it derived itself is
    /// not documented). Two spellings are the same name when their RDNs match one by one and, within each
    /// RDN, their attributes match as sets: the same attribute type (<c>S</c> and <c>ST</c> are one), values equal
    /// without regard to case and with insignificant spaces removed, as X.520's caseIgnoreMatch compares them (RFC 4518).
    /// </summary>
    /// <remarks>
    /// RDN order: Windows, .NET and RFC 2253 write the most specific RDN first (<c>CN=a, O=b</c>); OpenSSL's one-line
    /// forms write the certificate's own order (<c>/O=b/CN=a</c>, <c>O = b, CN = a</c>). The slash form says which it is and
    /// is turned round; a comma-separated DN does not, so two names also match when one is the other backwards. That
    /// takes <c>OU=x, OU=y</c> and <c>OU=y, OU=x</c> for one name: no spelling in use tells them apart, and every identity
    /// rule that uses a subject also compares the issuer and the expiry.
    /// </remarks>
    internal sealed class DistinguishedName
    {
        // Separators no attribute value can hold once parsed: the key of one name is never the key of another.
        private const char TypeSeparator = '\u001D';
        private const char RdnSeparator = '\u001E';
        private const char AttributeSeparator = '\u001F';

        // Starts the key of text that is no DN: it never meets the key of a parsed name.
        private const char NotADnMark = '\u001C';

        private DistinguishedName(IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> rdns)
        {
            var canonical = rdns.Select(Canonical).ToList();
            Key = string.Join(RdnSeparator.ToString(), canonical);
            canonical.Reverse();
            ReversedKey = string.Join(RdnSeparator.ToString(), canonical);
        }

        /// <summary>The name with every RDN written the same way, most specific first: equal keys are the same name.</summary>
        public string Key { get; }

        /// <summary>The key with the RDNs in the opposite order: a DN written the other way round has it as its key.</summary>
        public string ReversedKey { get; }

        /// <summary>The parsed name, or null when <paramref name="text"/> is not a DN in any spelling this module knows.</summary>
        public static DistinguishedName? TryParse(string? text)
        {
            var rdns = text is null ? null : DistinguishedNameParser.TryParse(text);
            return rdns is null || rdns.Count == 0 ? null : new DistinguishedName(rdns);
        }

        /// <summary>
        /// What two spellings of one name share, in either RDN order: of the name's key and its reversed key, the one that
        /// sorts first (two names match when one's key is the other's key or reversed key, and then they share both). Text
        /// that is no DN keys as itself without regard to case or runs of spaces, so such entries still meet their own kind.
        /// Null for null.
        /// </summary>
        public static string? MatchKey(string? text)
        {
            if (text is null)
            {
                return null;
            }

            var name = TryParse(text);
            return name is null
                ? NotADnMark + Normalize(text)
                : string.CompareOrdinal(name.Key, name.ReversedKey) <= 0 ? name.Key : name.ReversedKey;
        }

        /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> name the same subject (or issuer).</summary>
        public static bool AreSame(string? left, string? right) =>
            string.Equals(MatchKey(left), MatchKey(right), StringComparison.Ordinal);

        /// <summary>caseIgnoreMatch, near enough: compatibility-normalised, spaces collapsed and trimmed, upper-cased.</summary>
        internal static string Normalize(string value)
        {
            var text = new StringBuilder(value.Length);
            var space = false;
            foreach (var c in value.Normalize(NormalizationForm.FormKC))
            {
                if (char.IsWhiteSpace(c))
                {
                    space = text.Length > 0;
                    continue;
                }

                if (space)
                {
                    text.Append(' ');
                    space = false;
                }

                text.Append(char.ToUpperInvariant(c));
            }

            return text.ToString();
        }

        private static string Canonical(IReadOnlyList<KeyValuePair<string, string>> rdn) =>
            string.Join(
                AttributeSeparator.ToString(),
                rdn.Select(a => a.Key + TypeSeparator + Normalize(a.Value)).OrderBy(a => a, StringComparer.Ordinal));

        /// <inheritdoc />
        public override string ToString() => Key.Replace(RdnSeparator, ',').Replace(AttributeSeparator, '+').Replace(TypeSeparator, '=');
    }
}
