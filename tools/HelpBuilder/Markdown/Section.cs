using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace HelpBuilder.Markdown;

/// <summary>
/// A heading and what follows it up to the next heading of the same or a higher level. Markdig gives
/// a flat list of blocks; platyPS's format is defined by heading levels (H2 sections, H3 per parameter,
/// example or set), so the parsers work on this tree instead of on the flat list.
/// </summary>
internal sealed class Section
{
    private readonly List<Block> _blocks = new();
    private readonly List<Section> _children = new();

    private Section(HeadingBlock? heading, int level)
    {
        Heading = heading;
        Level = level;
    }

    /// <summary>Null for the root (the file itself).</summary>
    public HeadingBlock? Heading { get; }

    public int Level { get; }

    /// <summary>The heading's text, trimmed; empty for the root.</summary>
    public string Title => Heading is null ? string.Empty : InlineText.Of(Heading.Inline).Trim();

    /// <summary>The blocks between this heading and its first sub-heading (or the next heading).</summary>
    public IReadOnlyList<Block> Blocks => _blocks;

    public IReadOnlyList<Section> Children => _children;

    public static Section Build(MarkdownDocument document)
    {
        var root = new Section(null, 0);
        var open = new Stack<Section>();
        open.Push(root);
        foreach (var block in document)
        {
            if (block is YamlFrontMatterBlock)
            {
                continue;
            }

            if (block is HeadingBlock heading)
            {
                while (open.Peek().Level >= heading.Level)
                {
                    open.Pop();
                }

                var section = new Section(heading, heading.Level);
                open.Peek()._children.Add(section);
                open.Push(section);
                continue;
            }

            open.Peek()._blocks.Add(block);
        }

        return root;
    }

    /// <summary>This section's blocks and, in order, every sub-section's heading and blocks.</summary>
    public IEnumerable<Block> AllBlocks()
    {
        foreach (var block in _blocks)
        {
            yield return block;
        }

        foreach (var child in _children)
        {
            yield return child.Heading!;
            foreach (var block in child.AllBlocks())
            {
                yield return block;
            }
        }
    }
}
