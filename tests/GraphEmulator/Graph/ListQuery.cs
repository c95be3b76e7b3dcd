using System.Globalization;
using System.Text;

namespace GraphEmulator.Graph;

/// <summary>
/// The OData query options the emulator honours: $top (page size), $skip, $skiptoken, $count, $select,
/// $orderby (one property, asc|desc) and a $filter of <c>property eq 'value'</c> clauses joined by <c>and</c>.
/// Anything else beginning with '$' is refused with 400, as Graph refuses what it cannot do: a client must not
/// believe a filter was applied when it was not.
/// </summary>
internal sealed class ListQuery
{
    private static readonly string[] Known = ["$top", "$skip", "$skiptoken", "$count", "$select", "$orderby", "$filter"];

    public int? Top { get; private init; }

    /// <summary>Where this page starts: $skip, or the position a $skiptoken carries.</summary>
    public int Offset { get; private init; }

    public bool Count { get; private init; }

    public IReadOnlySet<string>? Select { get; private init; }

    public IReadOnlyList<(string Property, string? Value)> Filter { get; private init; } = [];

    public (string Property, bool Descending)? OrderBy { get; private init; }

    /// <summary>Null when valid, else the message of a 400.</summary>
    public static string? TryParse(IReadOnlyDictionary<string, string> query, bool forList, out ListQuery parsed)
    {
        parsed = new ListQuery();
        foreach (var name in query.Keys.Where(k => k.StartsWith('$')))
        {
            if (!Known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return $"Query option '{name}' is not supported by this resource.";
            }

            if (!forList && !string.Equals(name, "$select", StringComparison.OrdinalIgnoreCase))
            {
                return $"Query option '{name}' is not allowed on a single entity.";
            }
        }

        // Every option is parsed (each sets its out value); the first complaint is the one reported.
        string?[] errors =
        [
            ParseTop(query, out var top),
            ParseOffset(query, out var offset),
            ParseSelect(query, out var select),
            ParseOrderBy(query, out var orderBy),
            ParseFilter(query, out var filter),
        ];
        if (Array.Find(errors, e => e is not null) is { } error)
        {
            return error;
        }

        parsed = new ListQuery
        {
            Top = top,
            Offset = offset,
            Count = query.TryGetValue("$count", out var count) && string.Equals(count, "true", StringComparison.OrdinalIgnoreCase),
            Select = select,
            OrderBy = orderBy,
            Filter = filter,
        };
        return null;
    }

    /// <summary>Filtered and ordered, before paging.</summary>
    public IReadOnlyList<StoredCertificate> Apply(IEnumerable<StoredCertificate> all)
    {
        var result = all.Where(c => Filter.All(clause => string.Equals(Value(c, clause.Property), clause.Value, StringComparison.OrdinalIgnoreCase)));
        if (OrderBy is { } order)
        {
            result = order.Descending
                ? result.OrderByDescending(c => SortKey(c, order.Property), StringComparer.OrdinalIgnoreCase)
                : result.OrderBy(c => SortKey(c, order.Property), StringComparer.OrdinalIgnoreCase);
        }

        return [.. result];
    }

    /// <summary>An opaque token: clients must follow nextLink, not build one.</summary>
    public static string SkipToken(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("emulator-offset:" + offset.ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? ParseTop(IReadOnlyDictionary<string, string> query, out int? top)
    {
        top = null;
        if (!query.TryGetValue("$top", out var text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return $"Invalid value '{text}' for $top query option found. The $top query option requires a non-negative integer value.";
        }

        top = value;
        return null;
    }

    private static string? ParseOffset(IReadOnlyDictionary<string, string> query, out int offset)
    {
        offset = 0;
        if (query.TryGetValue("$skiptoken", out var token))
        {
            return TryReadSkipToken(token, out offset) ? null : "The $skiptoken is not valid. Follow @odata.nextLink as given.";
        }

        if (query.TryGetValue("$skip", out var text)
            && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            return $"Invalid value '{text}' for $skip query option found. The $skip query option requires a non-negative integer value.";
        }

        return null;
    }

    private static bool TryReadSkipToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            const string prefix = "emulator-offset:";
            return text.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? ParseSelect(IReadOnlyDictionary<string, string> query, out IReadOnlySet<string>? select)
    {
        select = null;
        if (!query.TryGetValue("$select", out var text))
        {
            return null;
        }

        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.FirstOrDefault(n => !CertificateJson.Properties.Contains(n, StringComparer.Ordinal));
        if (unknown is not null)
        {
            return $"Could not find a property named '{unknown}' on type 'microsoft.graph.enterpriseCodeSigningCertificate'.";
        }

        select = new HashSet<string>(names, StringComparer.Ordinal);
        return null;
    }

    private static string? ParseOrderBy(IReadOnlyDictionary<string, string> query, out (string, bool)? orderBy)
    {
        orderBy = null;
        if (!query.TryGetValue("$orderby", out var text))
        {
            return null;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var descending = parts.Length == 2 && parts[1] == "desc";
        if (parts.Length is < 1 or > 2
            || (parts.Length == 2 && parts[1] != "asc" && !descending)
            || !CertificateJson.Properties.Contains(parts[0], StringComparer.Ordinal)
            || parts[0] == "content")
        {
            return $"The emulator supports $orderby on one property, asc or desc; '{text}' is not that.";
        }

        orderBy = (parts[0], descending);
        return null;
    }

    private static string? ParseFilter(IReadOnlyDictionary<string, string> query, out IReadOnlyList<(string, string?)> filter)
    {
        filter = [];
        if (!query.TryGetValue("$filter", out var text))
        {
            return null;
        }

        var clauses = FilterParser.Parse(text);
        if (clauses is null || clauses.Any(c => !Filterable(c.Property)))
        {
            return $"Invalid filter clause: the emulator supports only string properties compared with eq ('property eq ''value''', joined by 'and'), not '{text}'.";
        }

        filter = clauses;
        return null;
    }

    private static bool Filterable(string property) => property is "id" or "status" or "subject" or "subjectName" or "issuer" or "issuerName";

    private static string? Value(StoredCertificate c, string property) => property switch
    {
        "id" => c.Id,
        "status" => c.Status,
        "subject" => c.Subject,
        "subjectName" => c.SubjectName,
        "issuer" => c.Issuer,
        "issuerName" => c.IssuerName,
        _ => null,
    };

    private static string? SortKey(StoredCertificate c, string property) => property switch
    {
        // The round-trip form of a UTC date sorts as text in time order.
        "expirationDateTime" => CertificateJson.Format(c.ExpirationDateTime),
        "uploadDateTime" => CertificateJson.Format(c.UploadDateTime),
        _ => Value(c, property),
    };
}
