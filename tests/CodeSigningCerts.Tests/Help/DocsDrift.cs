namespace CodeSigningCerts.Tests.Help;

/// <summary>
/// Every way a cmdlet's page disagrees with the cmdlet, each with the exact text to put in the page.
/// Empty when they agree. Descriptions and default values are the author's and are not compared.
/// </summary>
public static class DocsDrift
{
    public static IReadOnlyList<string> Find(CmdletSurface cmdlet, DocsPage page)
    {
        var problems = new List<string>();
        CompareSyntax(cmdlet, page, problems);
        CompareParameters(cmdlet, page, problems);
        return problems;
    }

    private static void CompareSyntax(CmdletSurface cmdlet, DocsPage page, List<string> problems)
    {
        // A cmdlet with a single set may show its one syntax block without a ### heading.
        var blocks = page.Syntax.Count == 1 && page.Syntax[0].SetName is null && cmdlet.Sets.Count == 1
            ? new[] { page.Syntax[0] with { SetName = cmdlet.Sets[0] } }
            : page.Syntax.ToArray();
        foreach (var set in cmdlet.Sets)
        {
            var block = blocks.FirstOrDefault(b => string.Equals(b.SetName, set, StringComparison.OrdinalIgnoreCase));
            var expectedLine = cmdlet.SyntaxLines[set];
            if (block is null)
            {
                problems.Add($"## SYNTAX has no block for parameter set '{set}'. Add:\n\n### {Heading(cmdlet, set)}\n```\n{expectedLine}\n```");
                continue;
            }

            if (cmdlet.Sets.Count > 1 && block.IsDefault != (set == cmdlet.DefaultSet))
            {
                problems.Add($"## SYNTAX: the heading of set '{set}' should be '### {Heading(cmdlet, set)}'.");
            }

            var actual = SyntaxTokens.Parse(block.Line).OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase);
            var expected = SyntaxTokens.Parse(expectedLine).OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase);
            if (!actual.SequenceEqual(expected, TokenComparer.Instance))
            {
                problems.Add($"## SYNTAX, set '{set}': the syntax line does not match the cmdlet. Replace it with:\n\n```\n{expectedLine}\n```");
            }
        }

        foreach (var block in blocks.Where(b => !cmdlet.Sets.Contains(b.SetName ?? string.Empty, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"## SYNTAX has a block for parameter set '{block.SetName ?? "(no heading)"}', which the cmdlet does not have (its sets: {string.Join(", ", cmdlet.Sets)}). Remove it.");
        }
    }

    private static void CompareParameters(CmdletSurface cmdlet, DocsPage page, List<string> problems)
    {
        foreach (var parameter in cmdlet.Parameters)
        {
            if (!page.Parameters.TryGetValue(parameter.Name, out var documented))
            {
                problems.Add($"-{parameter.Name} is not documented. Add under ## PARAMETERS, before ### CommonParameters:\n\n{cmdlet.Section(parameter)}");
                continue;
            }

            if (!documented.HasDescription)
            {
                problems.Add($"### -{parameter.Name} has no description: write what it does above its yaml block.");
            }

            var differences = Differences(cmdlet, parameter, documented);
            if (differences.Count > 0)
            {
                problems.Add($"### -{parameter.Name}: {string.Join("; ", differences)}. Replace its yaml with (keeping your own Default value):\n\n{cmdlet.Yaml(parameter)}");
            }
        }

        foreach (var name in page.Parameters.Keys.Where(n => !cmdlet.Parameters.Any(p => string.Equals(p.Name, n, StringComparison.OrdinalIgnoreCase))))
        {
            problems.Add($"### -{name} documents a parameter the cmdlet does not have. Remove it (and from the syntax lines).");
        }
    }

    private static List<string> Differences(CmdletSurface cmdlet, CmdletSurface.Parameter parameter, DocsPage.DocumentedParameter documented)
    {
        var differences = new List<string>();
        if (documented.Blocks.Count == 0)
        {
            differences.Add("it has no ```yaml block");
            return differences;
        }

        if (!string.Equals(documented.Value("Type"), parameter.Type, StringComparison.Ordinal))
        {
            differences.Add($"Type is '{documented.Value("Type")}', the cmdlet's is '{parameter.Type}'");
        }

        if (!SameSet(DocsPage.DocumentedParameter.List(documented.Value("Aliases")), parameter.Aliases))
        {
            differences.Add($"Aliases are '{documented.Value("Aliases")}', the cmdlet's are '{string.Join(", ", parameter.Aliases)}'");
        }

        if (parameter.AcceptedValues.Count > 0 && !SameSet(DocsPage.DocumentedParameter.List(documented.Value("Accepted values")), parameter.AcceptedValues))
        {
            differences.Add($"Accepted values are '{documented.Value("Accepted values")}', the cmdlet's ValidateSet is '{string.Join(", ", parameter.AcceptedValues)}'");
        }

        if (!string.Equals(documented.Value("Accept wildcard characters"), parameter.Wildcards ? "True" : "False", StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"Accept wildcard characters should be {(parameter.Wildcards ? "True" : "False")}");
        }

        var documentedSets = documented.Blocks.SelectMany(b => DocsPage.DocumentedParameter.SetsOf(b, cmdlet.Sets)).ToList();
        if (!SameSet(documentedSets, parameter.Usages.Keys))
        {
            differences.Add($"it is documented in sets '{string.Join(", ", documentedSets)}', the cmdlet has it in '{string.Join(", ", parameter.Usages.Keys)}'");
            return differences;
        }

        foreach (var (set, usage) in parameter.Usages)
        {
            var block = documented.BlockFor(set, cmdlet.Sets)!;
            Compare(differences, set, "Required", block, usage.Required);
            Compare(differences, set, "Position", block, usage.Position);
            Compare(differences, set, "Accept pipeline input", block, usage.Pipeline);
        }

        return differences;
    }

    private static void Compare(List<string> differences, string set, string key, Dictionary<string, string> block, string expected)
    {
        var actual = block.GetValueOrDefault(key) ?? "(missing)";
        if (!string.Equals(Normalize(actual), Normalize(expected), StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"in set '{set}' {key} is '{actual}', the cmdlet's is '{expected}'");
        }
    }

    // "True (ByValue, ByPropertyName)" and "True (ByPropertyName, ByValue)" say the same.
    private static string Normalize(string value) =>
        string.Join(",", value.Replace("(", ",", StringComparison.Ordinal).Replace(")", string.Empty, StringComparison.Ordinal)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.OrdinalIgnoreCase));

    private static bool SameSet(IEnumerable<string> left, IEnumerable<string> right) =>
        left.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(right);

    private static string Heading(CmdletSurface cmdlet, string set) =>
        cmdlet.Sets.Count > 1 && set == cmdlet.DefaultSet ? set + " (Default)" : set;

    private sealed class TokenComparer : IEqualityComparer<SyntaxTokens.Token>
    {
        public static readonly TokenComparer Instance = new();

        public bool Equals(SyntaxTokens.Token? x, SyntaxTokens.Token? y) =>
            x is not null && y is not null
            && string.Equals(x.Name, y.Name, StringComparison.OrdinalIgnoreCase)
            && x.Mandatory == y.Mandatory
            && x.Positional == y.Positional
            && string.Equals(x.Type, y.Type, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode(SyntaxTokens.Token obj) => StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Name);
    }
}
