using System.Text;
using HelpBuilder.Markdown;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace HelpBuilder.Output;

/// <summary>
/// Writes an about topic (docs/en-US/about_X.md in platyPS's about format) as the about_X.help.txt that
/// Get-Help about_X prints: the title, then each ## section as an upper-case heading with its text
/// indented 4 and wrapped at 80 columns, ### headings at 2, code at 8, tables as aligned columns. Get-Help
/// takes the topic's synopsis from the text under SHORT DESCRIPTION, so that heading is kept verbatim.
/// </summary>
internal static class AboutTopicWriter
{
    private const string Text = "    ";
    private const string Code = "        ";
    private const string SubHeading = "  ";

    /// <param name="title">The topic's H1 section, as <see cref="Parsing.AboutTopicParser"/> checked it.</param>
    public static void Write(string path, Section title)
    {
        var lines = new List<string> { "TOPIC", Text + title.Title, string.Empty };
        foreach (var section in title.Children)
        {
            lines.Add(section.Title.ToUpperInvariant());
            foreach (var block in section.AllBlocks())
            {
                AddBlock(lines, block, Text);
            }

            TrimTrailingBlank(lines);
            lines.Add(string.Empty);
        }

        File.WriteAllText(path, string.Join("\n", lines).TrimEnd('\n') + "\n", new UTF8Encoding(false));
    }

    private static void AddBlock(List<string> lines, Block block, string indent)
    {
        switch (block)
        {
            case HeadingBlock heading:
                TrimTrailingBlank(lines);
                lines.Add(string.Empty);
                lines.Add(SubHeading + InlineText.Of(heading.Inline).Trim());
                break;
            case ParagraphBlock paragraph:
                lines.AddRange(TextWrapper.Wrap(InlineText.Of(paragraph.Inline), indent, indent));
                lines.Add(string.Empty);
                break;
            case CodeBlock code:
                lines.AddRange(BlockText.Code(code).Split('\n').Select(l => (Code + l.TrimEnd('\r')).TrimEnd()));
                lines.Add(string.Empty);
                break;
            case ListBlock list:
                AddList(lines, list, indent);
                lines.Add(string.Empty);
                break;
            case Table table:
                AddTable(lines, table, indent);
                lines.Add(string.Empty);
                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                {
                    AddBlock(lines, child, indent + "  ");
                }

                break;
            case HtmlBlock:
            case ThematicBreakBlock:
            case LinkReferenceDefinitionGroup:
                break;
            default:
                throw new InvalidOperationException("No text form for a " + block.GetType().Name + ".");
        }
    }

    private static void AddList(List<string> lines, ListBlock list, string indent)
    {
        var number = int.TryParse(list.OrderedStart, out var first) ? first : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? number++ + ". " : "- ";
            var hanging = indent + new string(' ', marker.Length);
            var prefix = indent + marker;
            foreach (var child in item)
            {
                switch (child)
                {
                    case ParagraphBlock paragraph:
                        lines.AddRange(TextWrapper.Wrap(InlineText.Of(paragraph.Inline), prefix, hanging));
                        break;
                    case ListBlock nested:
                        AddList(lines, nested, hanging);
                        break;
                    default:
                        AddBlock(lines, child, hanging);
                        break;
                }

                prefix = hanging;
            }
        }
    }

    /// <summary>Columns padded to their widest cell, a dashed rule under the header; cells are not wrapped.</summary>
    private static void AddTable(List<string> lines, Table table, string indent)
    {
        var rows = table.OfType<TableRow>().Select(r => r.OfType<TableCell>().Select(BlockText.CellText).ToList()).ToList();
        var columns = rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Count ? r[c].Length : 0)).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            lines.Add(Row(rows[i], widths, indent));
            if (i == 0 && table.OfType<TableRow>().First().IsHeader)
            {
                lines.Add(Row(widths.Select(w => new string('-', w)).ToList(), widths, indent));
            }
        }
    }

    private static string Row(IReadOnlyList<string> cells, IReadOnlyList<int> widths, string indent) =>
        (indent + string.Join("  ", widths.Select((w, c) => (c < cells.Count ? cells[c] : string.Empty).PadRight(w)))).TrimEnd();

    private static void TrimTrailingBlank(List<string> lines)
    {
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
    }
}
