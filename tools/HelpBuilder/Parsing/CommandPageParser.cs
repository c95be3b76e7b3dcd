using HelpBuilder.Markdown;
using HelpBuilder.Model;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HelpBuilder.Parsing;

/// <summary>
/// Reads a platyPS (schema 2.0.0) cmdlet page into a <see cref="CommandHelp"/>, refusing a page that
/// is incomplete or inconsistent: a help file that silently lacks a section is worse than a failed build.
/// </summary>
internal static class CommandPageParser
{
    private static readonly string[] Sections =
    {
        "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
    };

    public static CommandHelp Parse(MarkdownFile file)
    {
        var frontMatter = FrontMatter.Read(file);
        var title = Title(file);
        var sections = SectionsOf(file, title);

        var synopsis = string.Join(" ", BlockText.Paragraphs(sections["SYNOPSIS"].AllBlocks()));
        if (synopsis.Length == 0)
        {
            throw file.Error(sections["SYNOPSIS"].Heading, "## SYNOPSIS is empty: give the one sentence Get-Help shows first.");
        }

        var description = BlockText.Paragraphs(sections["DESCRIPTION"].AllBlocks());
        if (description.Count == 0)
        {
            throw file.Error(sections["DESCRIPTION"].Heading, "## DESCRIPTION is empty.");
        }

        var syntax = SyntaxSectionParser.Parse(file, sections["SYNTAX"], title.Title);
        var parameters = ParameterSectionParser.Parse(file, sections["PARAMETERS"]);
        SyntaxCheck.Check(file, sections["SYNTAX"], syntax, parameters);

        return new CommandHelp(
            title.Title,
            frontMatter.ExternalHelpFile,
            frontMatter.OnlineVersion,
            synopsis,
            description,
            syntax,
            parameters,
            Types(file, sections["INPUTS"]),
            Types(file, sections["OUTPUTS"]),
            BlockText.Paragraphs(sections["NOTES"].AllBlocks()),
            Examples(file, sections["EXAMPLES"]),
            Links(sections["RELATED LINKS"]));
    }

    /// <summary>The single H1, which must name the cmdlet the file is named after.</summary>
    private static Section Title(MarkdownFile file)
    {
        var titles = file.Root.Children.Where(s => s.Level == 1).ToList();
        if (titles.Count != 1 || file.Root.Children.Count != 1)
        {
            throw new DocsException(file.Path, 0, $"A cmdlet page has exactly one '# {file.BaseName}' heading, with every ## section under it.");
        }

        var title = titles[0];
        if (!string.Equals(title.Title, file.BaseName, StringComparison.Ordinal) || !title.Title.Contains('-', StringComparison.Ordinal))
        {
            throw file.Error(title.Heading, $"The title '# {title.Title}' must be the cmdlet name, the same as the file name ('{file.BaseName}').");
        }

        return title;
    }

    private static Dictionary<string, Section> SectionsOf(MarkdownFile file, Section title)
    {
        var found = new Dictionary<string, Section>(StringComparer.Ordinal);
        foreach (var section in title.Children)
        {
            if (!Sections.Contains(section.Title, StringComparer.Ordinal))
            {
                throw file.Error(section.Heading, $"Unknown section '## {section.Title}'. A cmdlet page has: {string.Join(", ", Sections.Select(s => "## " + s))}.");
            }

            if (!found.TryAdd(section.Title, section))
            {
                throw file.Error(section.Heading, $"'## {section.Title}' appears twice.");
            }
        }

        var missing = Sections.Where(s => !found.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw new DocsException(file.Path, 0, "Missing section(s): " + string.Join(", ", missing.Select(s => "## " + s)) + ".");
        }

        return found;
    }

    private static IReadOnlyList<ExampleHelp> Examples(MarkdownFile file, Section examples)
    {
        var result = new List<ExampleHelp>();
        foreach (var example in examples.Children)
        {
            if (!example.Title.StartsWith("Example", StringComparison.Ordinal))
            {
                throw file.Error(example.Heading, $"'### {example.Title}': an example's heading is '### Example N: what it does'.");
            }

            // The commands are the example's code; a ```output block (what the commands print) reads
            // best after them, with the explanation, so it goes to the remarks in its place.
            var code = example.AllBlocks().OfType<FencedCodeBlock>().Where(b => !IsOutput(b)).Select(BlockText.Code).ToList();
            if (code.Count == 0)
            {
                throw file.Error(example.Heading, $"'### {example.Title}' has no ```powershell code block.");
            }

            var remarks = BlockText.Paragraphs(example.AllBlocks().Where(b => b is not FencedCodeBlock fenced || IsOutput(fenced)));
            result.Add(new ExampleHelp(example.Title, string.Join("\n\n", code), remarks));
        }

        if (result.Count == 0)
        {
            throw file.Error(examples.Heading, "## EXAMPLES has no '### Example 1: ...'.");
        }

        return result;
    }

    private static bool IsOutput(FencedCodeBlock block) => string.Equals(block.Info, "output", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<TypeHelp> Types(MarkdownFile file, Section section)
    {
        if (section.Children.Count == 0)
        {
            throw file.Error(section.Heading, $"## {section.Title} needs a ### heading per type (### None when there is none).");
        }

        return section.Children.Select(type => new TypeHelp(type.Title, BlockText.Paragraphs(type.AllBlocks()))).ToList();
    }

    /// <summary>Every link in the section, in order; a line without a link is kept as text.</summary>
    private static IReadOnlyList<LinkHelp> Links(Section section)
    {
        var links = new List<LinkHelp>();
        foreach (var leaf in section.AllBlocks().SelectMany(Leaves))
        {
            if (leaf.Inline is null)
            {
                continue;
            }

            var found = leaf.Inline.Descendants<LinkInline>().Where(l => !l.IsImage).ToList();
            if (found.Count == 0)
            {
                var text = InlineText.Of(leaf.Inline).Trim();
                if (text.Length > 0)
                {
                    links.Add(new LinkHelp(text, null));
                }

                continue;
            }

            foreach (var link in found)
            {
                var text = InlineText.Label(link).Trim();
                links.Add(new LinkHelp(text.Length == 0 ? link.Url ?? string.Empty : text, InlineText.IsWebUrl(link.Url) ? link.Url : null));
            }
        }

        return links.Distinct().ToList();
    }

    private static IEnumerable<LeafBlock> Leaves(Block block) => block switch
    {
        LeafBlock leaf => new[] { leaf },
        ContainerBlock container => container.SelectMany(Leaves),
        _ => Enumerable.Empty<LeafBlock>(),
    };
}
