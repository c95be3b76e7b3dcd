using HelpBuilder.Markdown;
using HelpBuilder.Model;
using Markdig.Syntax;

namespace HelpBuilder.Parsing;

/// <summary>
/// ## PARAMETERS: a "### -Name" section per parameter (its description, then one ```yaml block per
/// distinct set of attributes) and "### CommonParameters".
/// </summary>
internal static class ParameterSectionParser
{
    private const string TypeKey = "Type";
    private const string SetsKey = "Parameter Sets";
    private const string AliasesKey = "Aliases";
    private const string AcceptedValuesKey = "Accepted values";
    private const string RequiredKey = "Required";
    private const string PositionKey = "Position";
    private const string DefaultValueKey = "Default value";
    private const string PipelineKey = "Accept pipeline input";
    private const string WildcardKey = "Accept wildcard characters";

    private static readonly string[] Keys =
    {
        TypeKey, SetsKey, AliasesKey, AcceptedValuesKey, RequiredKey, PositionKey, DefaultValueKey, PipelineKey, WildcardKey,
    };

    private static readonly string[] PipelineKinds = { "ByValue", "ByPropertyName" };

    public static IReadOnlyList<ParameterHelp> Parse(MarkdownFile file, Section parameters)
    {
        if (parameters.Blocks.Count > 0)
        {
            throw file.Error(parameters.Blocks[0], "Text under ## PARAMETERS belongs in a '### -Name' section.");
        }

        var result = new List<ParameterHelp>();
        var sawCommonParameters = false;
        foreach (var section in parameters.Children)
        {
            if (section.Title == "CommonParameters")
            {
                sawCommonParameters = true;
                continue;
            }

            if (!section.Title.StartsWith('-') || section.Title.Length < 2 || section.Title.Contains(' ', StringComparison.Ordinal))
            {
                throw file.Error(section.Heading, $"'### {section.Title}' under ## PARAMETERS: a parameter's heading is '### -Name'.");
            }

            var parameter = ParseOne(file, section);
            if (result.Any(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw file.Error(section.Heading, $"-{parameter.Name} is documented twice.");
            }

            result.Add(parameter);
        }

        if (!sawCommonParameters)
        {
            throw file.Error(parameters.Heading, "## PARAMETERS has no '### CommonParameters' section.");
        }

        return result;
    }

    private static ParameterHelp ParseOne(MarkdownFile file, Section section)
    {
        var name = section.Title[1..];
        var blocks = section.AllBlocks().ToList();
        var yaml = blocks.OfType<FencedCodeBlock>().Where(IsYaml).ToList();
        if (yaml.Count == 0)
        {
            throw file.Error(section.Heading, $"-{name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).");
        }

        var description = BlockText.Paragraphs(blocks.Where(b => !(b is FencedCodeBlock code && IsYaml(code))));
        if (description.Count == 0)
        {
            throw file.Error(section.Heading, $"-{name} has no description.");
        }

        var first = KeyValueBlock.Read(file, yaml[0], Keys);
        var type = first.Required(file, yaml[0], TypeKey);
        var usages = new List<ParameterUsage>();
        foreach (var block in yaml)
        {
            var values = KeyValueBlock.Read(file, block, Keys);
            var blockType = values.Required(file, block, TypeKey);
            if (!string.Equals(blockType, type, StringComparison.Ordinal))
            {
                throw file.Error(block, $"-{name} has Type '{type}' in one yaml block and '{blockType}' in another.");
            }

            _ = values.Required(file, block, AliasesKey);
            _ = values.Required(file, block, DefaultValueKey);
            _ = values.Boolean(file, block, WildcardKey);
            usages.Add(new ParameterUsage(
                Sets(file, block, values),
                values.Boolean(file, block, RequiredKey),
                Position(file, block, values),
                Pipeline(file, block, values)));
        }

        return new ParameterHelp(
            name,
            description,
            type,
            first.List(AliasesKey),
            first.List(AcceptedValuesKey),
            first.Required(file, yaml[0], DefaultValueKey),
            first.Boolean(file, yaml[0], WildcardKey),
            usages);
    }

    private static bool IsYaml(FencedCodeBlock block) => string.Equals(block.Info, "yaml", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<string> Sets(MarkdownFile file, Block block, Dictionary<string, string> values)
    {
        _ = values.Required(file, block, SetsKey);
        var sets = values.List(SetsKey);
        return sets.Count > 0 ? sets : throw file.Error(block, $"'{SetsKey}:' is empty: name the sets, or (All).");
    }

    private static string Position(MarkdownFile file, Block block, Dictionary<string, string> values)
    {
        var text = values.Required(file, block, PositionKey);
        if (text.Equals("Named", StringComparison.OrdinalIgnoreCase))
        {
            return "Named";
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? text
            : throw file.Error(block, $"'{PositionKey}: {text}' must be Named or a number.");
    }

    /// <summary>False, or True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue).</summary>
    private static string Pipeline(MarkdownFile file, Block block, Dictionary<string, string> values)
    {
        var text = values.Required(file, block, PipelineKey);
        if (text.Equals("False", StringComparison.OrdinalIgnoreCase))
        {
            return "False";
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (text.StartsWith("True", StringComparison.OrdinalIgnoreCase) && open > 0 && text.EndsWith(')'))
        {
            var kinds = text[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries);
            if (kinds.Length > 0 && kinds.All(k => PipelineKinds.Contains(k, StringComparer.Ordinal)))
            {
                return "True (" + string.Join(", ", kinds) + ")";
            }
        }

        throw file.Error(block, $"'{PipelineKey}: {text}' must be False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue).");
    }
}
