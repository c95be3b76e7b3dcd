using HelpBuilder.Markdown;
using HelpBuilder.Model;
using Markdig.Syntax;

namespace HelpBuilder.Parsing;

/// <summary>
/// ## SYNTAX: one "### SetName" (or "### SetName (Default)") heading and one code block per parameter
/// set. A cmdlet with a single unnamed set may have the code block alone, as platyPS writes it.
/// </summary>
internal static class SyntaxSectionParser
{
    public const string AllParameterSets = "__AllParameterSets";
    private const string DefaultSuffix = "(Default)";

    public static IReadOnlyList<SyntaxSet> Parse(MarkdownFile file, Section syntax, string commandName)
    {
        var sets = new List<SyntaxSet>();
        if (syntax.Children.Count == 0)
        {
            sets.Add(new SyntaxSet(AllParameterSets, true, ReadLine(file, syntax, syntax.Blocks, commandName)));
            return sets;
        }

        if (syntax.Blocks.OfType<CodeBlock>().Any())
        {
            throw file.Error(syntax.Heading, "## SYNTAX has a code block outside a '### SetName' heading.");
        }

        foreach (var set in syntax.Children)
        {
            var title = set.Title;
            var isDefault = title.EndsWith(DefaultSuffix, StringComparison.OrdinalIgnoreCase);
            var name = isDefault ? title[..^DefaultSuffix.Length].Trim() : title;
            if (name.Length == 0 || name.Contains(' ', StringComparison.Ordinal))
            {
                throw file.Error(set.Heading, $"'### {title}' is not a parameter set name (one word, optionally followed by (Default)).");
            }

            if (sets.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw file.Error(set.Heading, $"Parameter set '{name}' appears twice under ## SYNTAX.");
            }

            sets.Add(new SyntaxSet(name, isDefault, ReadLine(file, set, set.AllBlocks(), commandName)));
        }

        if (sets.Count(s => s.IsDefault) > 1)
        {
            throw file.Error(syntax.Heading, "More than one parameter set is marked (Default).");
        }

        return sets;
    }

    private static IReadOnlyList<string> ReadLine(MarkdownFile file, Section section, IEnumerable<Block> blocks, string commandName)
    {
        var code = blocks.OfType<FencedCodeBlock>().ToList();
        if (code.Count != 1)
        {
            throw file.Error(section.Heading, $"'{Heading(section)}' needs exactly one ``` code block with the syntax line; it has {code.Count}.");
        }

        var line = string.Join(" ", BlockText.Code(code[0]).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (!string.Equals(SyntaxLine.CommandName(line), commandName, StringComparison.OrdinalIgnoreCase))
        {
            throw file.Error(code[0], $"The syntax line must start with the cmdlet name '{commandName}'.");
        }

        var names = SyntaxLine.ParameterNames(line);
        var repeated = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw file.Error(code[0], $"-{repeated.Key} appears twice in one syntax line.");
        }

        return names;
    }

    private static string Heading(Section section) => (section.Level == 2 ? "## " : "### ") + section.Title;
}
