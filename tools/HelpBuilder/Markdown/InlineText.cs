using System.Text;
using Markdig.Syntax.Inlines;

namespace HelpBuilder.Markdown;

/// <summary>
/// Markdown inline content as the plain text a console shows: emphasis and code marks dropped, a soft
/// line break a space (the author's wrapping is not the reader's), a web link as "text (url)" so a
/// console reader can still follow it, a link to another page as its text alone.
/// </summary>
internal static class InlineText
{
    public static string Of(ContainerInline? container)
    {
        var text = new StringBuilder();
        Append(text, container);
        return text.ToString();
    }

    /// <summary>A link's own text, without its URL.</summary>
    public static string Label(LinkInline link)
    {
        var text = new StringBuilder();
        AppendChildren(text, link);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Inline? inline)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                return;
            case CodeInline code:
                text.Append(code.Content);
                return;
            case LineBreakInline lineBreak:
                text.Append(lineBreak.IsHard ? "\n" : " ");
                return;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                return;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                return;
            case HtmlInline:
                // Raw HTML (<br>, comments) has no plain-text meaning.
                return;
            case LinkInline link:
                var start = text.Length;
                AppendChildren(text, link);
                var label = text.ToString(start, text.Length - start);
                if (IsWebUrl(link.Url) && !string.Equals(label, link.Url, StringComparison.Ordinal))
                {
                    text.Append(" (").Append(link.Url).Append(')');
                }

                return;
            case ContainerInline container:
                AppendChildren(text, container);
                return;
            default:
                text.Append(inline.ToString());
                return;
        }
    }

    private static void AppendChildren(StringBuilder text, ContainerInline container)
    {
        foreach (var child in container)
        {
            Append(text, child);
        }
    }

    public static bool IsWebUrl(string? url) =>
        url is not null && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
}
