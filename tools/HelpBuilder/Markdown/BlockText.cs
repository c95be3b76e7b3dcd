using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace HelpBuilder.Markdown;

/// <summary>
/// Blocks as MAML paragraphs: one per markdown paragraph, one per list item ("- " or "1. " kept, so a
/// list still reads as one), a code block as one paragraph with its lines. MAML has no richer markup
/// that Get-Help shows, so this is what platyPS does too.
/// </summary>
internal static class BlockText
{
    public static IReadOnlyList<string> Paragraphs(IEnumerable<Block> blocks)
    {
        var paragraphs = new List<string>();
        foreach (var block in blocks)
        {
            Add(paragraphs, block, string.Empty);
        }

        return paragraphs;
    }

    /// <summary>The literal text of a code block, without a trailing newline.</summary>
    public static string Code(LeafBlock code) => code.Lines.ToString().TrimEnd('\r', '\n');

    private static void Add(List<string> paragraphs, Block block, string indent)
    {
        switch (block)
        {
            case ParagraphBlock paragraph:
                paragraphs.Add(indent + InlineText.Of(paragraph.Inline).Trim());
                break;
            case HeadingBlock heading:
                paragraphs.Add(indent + InlineText.Of(heading.Inline).Trim());
                break;
            case CodeBlock code:
                paragraphs.Add(Code(code));
                break;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, out var first) ? first : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var marker = list.IsOrdered ? number++ + ". " : "- ";
                    AddListItem(paragraphs, item, indent + marker, indent + "  ");
                }

                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                {
                    Add(paragraphs, child, indent);
                }

                break;
            case Table table:
                foreach (var row in table.OfType<TableRow>())
                {
                    paragraphs.Add(indent + string.Join(" | ", row.OfType<TableCell>().Select(CellText)));
                }

                break;
            case HtmlBlock:
            case ThematicBreakBlock:
            case LinkReferenceDefinitionGroup:
                // Comments, rules and link definitions are for the markdown reader, not the console.
                break;
            default:
                throw new InvalidOperationException("No plain-text form for a " + block.GetType().Name + ".");
        }
    }

    private static void AddListItem(List<string> paragraphs, ListItemBlock item, string firstPrefix, string nestedIndent)
    {
        // The item's own text is one paragraph after its marker; a nested list goes on indented.
        var text = new List<string>();
        foreach (var child in item)
        {
            if (child is ListBlock nested)
            {
                if (text.Count > 0)
                {
                    paragraphs.Add(firstPrefix + string.Join(" ", text));
                    text.Clear();
                    firstPrefix = nestedIndent;
                }

                Add(paragraphs, nested, nestedIndent);
                continue;
            }

            var inner = new List<string>();
            Add(inner, child, string.Empty);
            text.AddRange(inner);
        }

        if (text.Count > 0)
        {
            paragraphs.Add(firstPrefix + string.Join(" ", text));
        }
    }

    public static string CellText(TableCell cell) =>
        string.Join(" ", cell.OfType<ParagraphBlock>().Select(p => InlineText.Of(p.Inline).Trim()));
}
