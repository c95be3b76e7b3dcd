namespace CodeSigningCerts.Tests.Help;

/// <summary>
/// What a docs/en-US/&lt;Cmdlet&gt;.md page (platyPS schema 2.0.0) says about a cmdlet's surface: its
/// syntax blocks and its parameters' yaml. Read line by line on purpose: tools/HelpBuilder parses the
/// same pages with Markdig, and this second, independent reading is what the drift tests compare
/// with the cmdlet, so a HelpBuilder bug cannot hide a drift.
/// </summary>
public sealed class DocsPage
{
    private DocsPage(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string Title { get; private set; } = string.Empty;

    public string Synopsis { get; private set; } = string.Empty;

    /// <summary>Each block under ## SYNTAX: its ### set name (null when the page has one unnamed block).</summary>
    public List<SyntaxBlock> Syntax { get; } = new();

    /// <summary>Each ### -Name under ## PARAMETERS, by name.</summary>
    public Dictionary<string, DocumentedParameter> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int ExampleCount { get; private set; }

    public static DocsPage Read(string path)
    {
        var page = new DocsPage(path);
        var section = string.Empty;
        DocumentedParameter? parameter = null;
        SyntaxBlock? pendingSet = null;
        string? fence = null;
        var fenced = new List<string>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.TrimEnd();
            if (fence is not null)
            {
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    page.EndFence(section, fence, fenced, ref pendingSet, parameter);
                    fence = null;
                    fenced.Clear();
                }
                else
                {
                    fenced.Add(line);
                }

                continue;
            }

            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                fence = line[3..].Trim();
                continue;
            }

            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                page.Title = line[2..].Trim();
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line[3..].Trim();
                parameter = null;
            }
            else if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                var heading = line[4..].Trim();
                parameter = null;
                switch (section)
                {
                    case "SYNTAX":
                        var isDefault = heading.EndsWith("(Default)", StringComparison.Ordinal);
                        pendingSet = new SyntaxBlock(isDefault ? heading[..^"(Default)".Length].Trim() : heading, isDefault, string.Empty);
                        break;
                    case "PARAMETERS" when heading.StartsWith('-'):
                        parameter = new DocumentedParameter(heading[1..]);
                        page.Parameters[parameter.Name] = parameter;
                        break;
                    case "EXAMPLES":
                        page.ExampleCount++;
                        break;
                }
            }
            else if (line.Length > 0)
            {
                if (section == "SYNOPSIS")
                {
                    page.Synopsis = (page.Synopsis + " " + line).Trim();
                }
                else if (parameter is not null && parameter.Blocks.Count == 0)
                {
                    parameter.HasDescription = true;
                }
            }
        }

        return page;
    }

    private void EndFence(string section, string info, List<string> lines, ref SyntaxBlock? pendingSet, DocumentedParameter? parameter)
    {
        if (section == "SYNTAX")
        {
            var text = string.Join(" ", lines.Select(l => l.Trim()).Where(l => l.Length > 0));
            Syntax.Add((pendingSet ?? new SyntaxBlock(null, false, string.Empty)) with { Line = text });
            pendingSet = null;
        }
        else if (parameter is not null && info.Equals("yaml", StringComparison.OrdinalIgnoreCase))
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            parameter.Blocks.Add(values);
        }
    }

    public sealed record SyntaxBlock(string? SetName, bool IsDefault, string Line);

    public sealed class DocumentedParameter
    {
        public DocumentedParameter(string name)
        {
            Name = name;
        }

        public string Name { get; }

        public bool HasDescription { get; set; }

        /// <summary>The ```yaml blocks: one per distinct combination of set attributes.</summary>
        public List<Dictionary<string, string>> Blocks { get; } = new();

        public string Value(string key) =>
            Blocks.Select(b => b.GetValueOrDefault(key)).FirstOrDefault(v => v is not null) ?? string.Empty;

        /// <summary>The block that covers <paramref name="setName"/> ("(All)" covers every set), or null.</summary>
        public Dictionary<string, string>? BlockFor(string setName, IReadOnlyCollection<string> allSets) =>
            Blocks.FirstOrDefault(b => SetsOf(b, allSets).Contains(setName, StringComparer.OrdinalIgnoreCase));

        public static IReadOnlyList<string> SetsOf(Dictionary<string, string> block, IReadOnlyCollection<string> allSets)
        {
            var names = List(block.GetValueOrDefault("Parameter Sets"));
            return names.Contains("(All)") ? allSets.ToList() : names;
        }

        public static IReadOnlyList<string> List(string? text) =>
            (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }
}
