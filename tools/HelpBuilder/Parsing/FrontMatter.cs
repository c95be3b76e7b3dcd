using HelpBuilder.Markdown;

namespace HelpBuilder.Parsing;

/// <summary>platyPS's page metadata: which MAML file the page goes into, its module, its online URL.</summary>
internal sealed record FrontMatter(string ExternalHelpFile, string ModuleName, string? OnlineVersion)
{
    private const string ExternalHelpFileKey = "external help file";
    private const string ModuleNameKey = "Module Name";
    private const string OnlineVersionKey = "online version";
    private const string SchemaKey = "schema";
    private const string Schema = "2.0.0";

    private static readonly string[] Keys = { ExternalHelpFileKey, ModuleNameKey, OnlineVersionKey, SchemaKey, "Locale", "title", "ms.date" };

    public static FrontMatter Read(MarkdownFile file)
    {
        if (file.FrontMatter is null)
        {
            throw new DocsException(file.Path, 1, $"No front matter: a cmdlet page starts with ---, '{ExternalHelpFileKey}: <Assembly>.dll-Help.xml', '{ModuleNameKey}:', '{OnlineVersionKey}:', '{SchemaKey}: {Schema}', ---.");
        }

        var values = KeyValueBlock.Read(file, file.FrontMatter, Keys);
        var schema = values.Required(file, file.FrontMatter, SchemaKey);
        if (schema != Schema)
        {
            throw file.Error(file.FrontMatter, $"'{SchemaKey}: {schema}': only platyPS schema {Schema} is understood.");
        }

        var helpFile = values.Required(file, file.FrontMatter, ExternalHelpFileKey);
        if (!helpFile.EndsWith("-Help.xml", StringComparison.OrdinalIgnoreCase) || helpFile.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw file.Error(file.FrontMatter, $"'{ExternalHelpFileKey}: {helpFile}' must be a file name ending in -Help.xml (the cmdlet assembly's name + -Help.xml).");
        }

        var online = values.Required(file, file.FrontMatter, OnlineVersionKey);
        return new FrontMatter(helpFile, values.Required(file, file.FrontMatter, ModuleNameKey), online.Length == 0 ? null : online);
    }
}
