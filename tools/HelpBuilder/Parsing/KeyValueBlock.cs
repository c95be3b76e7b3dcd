using Markdig.Syntax;
using HelpBuilder.Markdown;

namespace HelpBuilder.Parsing;

/// <summary>
/// The flat "Key: value" yaml platyPS writes (front matter, a parameter's attributes). It never nests,
/// quotes or lists, so a full yaml library would only add a dependency; anything else is refused.
/// </summary>
internal static class KeyValueBlock
{
    public static Dictionary<string, string> Read(MarkdownFile file, LeafBlock block, IReadOnlyCollection<string> knownKeys)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = block.Lines.Lines;
        for (var i = 0; i < block.Lines.Count; i++)
        {
            var line = lines[i].Slice.ToString();
            var lineNumber = lines[i].Line + 1;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#') || line.Trim() == "---")
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new DocsException(file.Path, lineNumber, $"'{line.Trim()}' is not a 'Key: value' line.");
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (!knownKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new DocsException(file.Path, lineNumber, $"Unknown key '{key}'. Known keys: {string.Join(", ", knownKeys)}.");
            }

            if (!values.TryAdd(key, value))
            {
                throw new DocsException(file.Path, lineNumber, $"'{key}' is given twice.");
            }
        }

        return values;
    }

    /// <summary>The value of a key every block must have.</summary>
    public static string Required(this Dictionary<string, string> values, MarkdownFile file, Block block, string key) =>
        values.TryGetValue(key, out var value) ? value : throw file.Error(block, $"The yaml block has no '{key}:' line.");

    public static bool Boolean(this Dictionary<string, string> values, MarkdownFile file, Block block, string key)
    {
        var text = values.Required(file, block, key);
        return bool.TryParse(text, out var value) ? value : throw file.Error(block, $"'{key}: {text}' must be True or False.");
    }

    /// <summary>A comma-separated value as a list; empty for an empty value.</summary>
    public static IReadOnlyList<string> List(this Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text)
            ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : Array.Empty<string>();
}
