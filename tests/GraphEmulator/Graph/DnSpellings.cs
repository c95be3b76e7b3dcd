using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace GraphEmulator.Graph;

/// <summary>Writes a certificate's subject and issuer as <see cref="DnSpelling"/> says, from the certificate's own DER names.</summary>
public static class DnSpellings
{
    // The short names OpenSSL writes; any other attribute is written as its dotted OID.
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["2.5.4.3"] = "CN",
        ["2.5.4.10"] = "O",
        ["2.5.4.11"] = "OU",
        ["2.5.4.6"] = "C",
        ["2.5.4.7"] = "L",
        ["2.5.4.8"] = "ST",
        ["2.5.4.9"] = "STREET",
        ["2.5.4.5"] = "serialNumber",
        ["0.9.2342.19200300.100.1.25"] = "DC",
        ["0.9.2342.19200300.100.1.1"] = "UID",
        ["1.2.840.113549.1.9.1"] = "emailAddress",
    };

    /// <summary>The entity with its subject and issuer spelled as <paramref name="spelling"/> says; as it is when that is "as sent" or it has no parsable content.</summary>
    internal static StoredCertificate Apply(StoredCertificate entity, DnSpelling spelling)
    {
        if (spelling == DnSpelling.AsSent)
        {
            return entity;
        }

        using var certificate = entity.ToX509();
        return certificate is null
            ? entity
            : entity.WithNames(Spell(certificate.SubjectName, spelling), Spell(certificate.IssuerName, spelling));
    }

    public static string Spell(X500DistinguishedName name, DnSpelling spelling)
    {
        var rdns = name.EnumerateRelativeDistinguishedNames().ToList();
        if (spelling is DnSpelling.Service or DnSpelling.AsSent || rdns.Any(r => r.HasMultipleElements))
        {
            return name.Name;
        }

        // EnumerateRelativeDistinguishedNames walks the DER order (country first); RFC 2253 writes it backwards.
        return spelling switch
        {
            DnSpelling.Rfc2253 => string.Join(',', rdns.AsEnumerable().Reverse().Select(r => Type(r) + "=" + EscapeRfc4514(Value(r)))),
            DnSpelling.OpenSslSlashes => string.Concat(rdns.Select(r => "/" + Type(r) + "=" + Value(r).Replace("/", "\\/", StringComparison.Ordinal))),
            DnSpelling.OpenSslOneLine => string.Join(", ", rdns.Select(r => Type(r) + " = " + Value(r).Replace(",", "\\,", StringComparison.Ordinal))),
            DnSpelling.LowerCase => name.Name.ToLowerInvariant(),
            _ => name.Name,
        };
    }

    private static string Type(X500RelativeDistinguishedName rdn)
    {
        var oid = rdn.GetSingleElementType().Value ?? string.Empty;
        return ShortNames.TryGetValue(oid, out var shortName) ? shortName : oid;
    }

    private static string Value(X500RelativeDistinguishedName rdn) => rdn.GetSingleElementValue() ?? string.Empty;

    /// <summary>RFC 4514 section 2.4: a backslash before the specials, a leading '#' or space and a trailing space.</summary>
    private static string EscapeRfc4514(string value)
    {
        var text = new StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var special = c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '='
                || (i == 0 && c is '#' or ' ')
                || (i == value.Length - 1 && c == ' ');
            if (special)
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
