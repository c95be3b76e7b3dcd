namespace GraphEmulator.Graph;

/// <summary>Parses <c>name eq 'value' [and name eq 'value']...</c> ('' escapes a quote; null is allowed). Null when it is anything else.</summary>
internal static class FilterParser
{
    public static List<(string Property, string? Value)>? Parse(string text)
    {
        var clauses = new List<(string, string?)>();
        var position = 0;
        while (true)
        {
            SkipSpaces(text, ref position);
            var name = ReadWord(text, ref position);
            SkipSpaces(text, ref position);
            if (name.Length == 0 || ReadWord(text, ref position) != "eq")
            {
                return null;
            }

            SkipSpaces(text, ref position);
            if (!TryReadLiteral(text, ref position, out var value))
            {
                return null;
            }

            clauses.Add((name, value));
            SkipSpaces(text, ref position);
            if (position == text.Length)
            {
                return clauses;
            }

            if (ReadWord(text, ref position) != "and")
            {
                return null;
            }
        }
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }
    }

    private static string ReadWord(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && char.IsAsciiLetterOrDigit(text[position]))
        {
            position++;
        }

        return text[start..position];
    }

    private static bool TryReadLiteral(string text, ref int position, out string? value)
    {
        value = null;
        if (string.CompareOrdinal(text, position, "null", 0, 4) == 0)
        {
            position += 4;
            return true;
        }

        if (position >= text.Length || text[position] != '\'')
        {
            return false;
        }

        var builder = new System.Text.StringBuilder();
        position++;
        while (position < text.Length)
        {
            if (text[position] == '\'')
            {
                if (position + 1 < text.Length && text[position + 1] == '\'')
                {
                    builder.Append('\'');
                    position += 2;
                    continue;
                }

                position++;
                value = builder.ToString();
                return true;
            }

            builder.Append(text[position++]);
        }

        return false;
    }
}
