using HelpBuilder;
using HelpBuilder.Markdown;
using HelpBuilder.Model;
using HelpBuilder.Output;
using HelpBuilder.Parsing;

// HelpBuilder <docsDir> <outputDir>: every docs/en-US/*.md becomes help in outputDir. All pages are
// read before anything is written, and every malformed page is reported, so one build shows every
// problem and a failed build never leaves half-written help behind.
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: HelpBuilder <docsDir> <outputDir>");
    Console.Error.WriteLine("  Reads <docsDir>/*.md (platyPS cmdlet pages and about_*.md topics) and writes");
    Console.Error.WriteLine("  <outputDir>/<Assembly>.dll-Help.xml (MAML) and <outputDir>/about_*.help.txt.");
    return 2;
}

var docsDir = Path.GetFullPath(args[0]);
var outputDir = Path.GetFullPath(args[1]);
if (!Directory.Exists(docsDir))
{
    Console.Error.WriteLine($"HelpBuilder: error: the docs folder '{docsDir}' does not exist.");
    return 2;
}

var commands = new List<CommandHelp>();
var topics = new List<(string Name, Section Title)>();
var errors = new List<DocsException>();
foreach (var path in Directory.GetFiles(docsDir, "*.md").Order(StringComparer.Ordinal))
{
    try
    {
        var file = MarkdownFile.Read(path);
        if (file.BaseName.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
        {
            topics.Add((file.BaseName, AboutTopicParser.Parse(file)));
        }
        else
        {
            commands.Add(CommandPageParser.Parse(file));
        }
    }
    catch (DocsException ex)
    {
        errors.Add(ex);
    }
}

if (commands.Count == 0 && errors.Count == 0)
{
    errors.Add(new DocsException(docsDir, 0, "No cmdlet pages (<Verb-Noun>.md) found."));
}

var written = new List<string>();
if (errors.Count == 0)
{
    Directory.CreateDirectory(outputDir);
    try
    {
        // Pages name their MAML file in their front matter; platyPS groups them the same way.
        foreach (var group in commands.GroupBy(c => c.HelpFile, StringComparer.OrdinalIgnoreCase))
        {
            var path = Path.Combine(outputDir, group.Key);
            MamlWriter.Write(path, group);
            written.Add(path);
        }

        foreach (var topic in topics)
        {
            var path = Path.Combine(outputDir, topic.Name + ".help.txt");
            AboutTopicWriter.Write(path, topic.Title);
            written.Add(path);
        }
    }
    catch (IOException ex)
    {
        Console.Error.WriteLine($"HelpBuilder: error: cannot write to '{outputDir}': {ex.Message}");
        return 1;
    }
}

if (errors.Count > 0)
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine(error.ToString());
    }

    Console.Error.WriteLine($"HelpBuilder: {errors.Count} malformed doc(s) in {docsDir}; no help was written.");
    return 1;
}

// Help for a page or topic that was since deleted or renamed must not linger in the output.
foreach (var stale in Directory.GetFiles(outputDir, "*-Help.xml").Concat(Directory.GetFiles(outputDir, "about_*.help.txt")))
{
    if (!written.Contains(stale, StringComparer.Ordinal))
    {
        File.Delete(stale);
    }
}

Console.WriteLine($"HelpBuilder: {commands.Count} cmdlet page(s) and {topics.Count} about topic(s) -> {outputDir}");
return 0;
