using HelpBuilder.Markdown;
using Markdig.Syntax;

namespace HelpBuilder.Parsing;

/// <summary>Checks an about topic (docs/en-US/about_X.md) has the shape Get-Help relies on.</summary>
internal static class AboutTopicParser
{
    /// <summary>One H1 naming the topic as the file does, then SHORT DESCRIPTION and LONG DESCRIPTION first.</summary>
    public static Section Parse(MarkdownFile file)
    {
        if (file.Root.Children.Count != 1 || !string.Equals(file.Root.Children[0].Title, file.BaseName, StringComparison.Ordinal))
        {
            throw new DocsException(file.Path, 0, $"An about topic has exactly one '# {file.BaseName}' heading (the file name), with every ## section under it.");
        }

        var title = file.Root.Children[0];
        var sections = title.Children.Select(s => s.Title).ToList();
        if (sections.Count < 2 || sections[0] != "SHORT DESCRIPTION" || sections[1] != "LONG DESCRIPTION")
        {
            throw file.Error(title.Heading, "An about topic's first sections are '## SHORT DESCRIPTION' (one sentence: Get-Help shows it as the synopsis) and '## LONG DESCRIPTION'.");
        }

        if (title.Children[0].AllBlocks().OfType<ParagraphBlock>().Any() is false)
        {
            throw file.Error(title.Children[0].Heading, "## SHORT DESCRIPTION is empty.");
        }

        return title;
    }
}
