using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace HelpBuilder.Markdown;

/// <summary>One parsed markdown file: its front matter and its blocks grouped under their headings.</summary>
internal sealed class MarkdownFile
{
    // Front matter (platyPS's metadata) and pipe tables (used in about topics) are the only
    // extensions the docs use; plain CommonMark otherwise, so what GitHub shows is what ships.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .Build();

    private MarkdownFile(string path, YamlFrontMatterBlock? frontMatter, Section root)
    {
        Path = path;
        FrontMatter = frontMatter;
        Root = root;
    }

    public string Path { get; }

    /// <summary>The file name without .md: the command or topic name it must document.</summary>
    public string BaseName => System.IO.Path.GetFileNameWithoutExtension(Path);

    public YamlFrontMatterBlock? FrontMatter { get; }

    /// <summary>The whole file as a section tree: H1 titles under it, H2 under those, H3 under H2.</summary>
    public Section Root { get; }

    public static MarkdownFile Read(string path)
    {
        var document = Markdig.Markdown.Parse(File.ReadAllText(path), Pipeline);
        var frontMatter = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
        return new MarkdownFile(path, frontMatter, Section.Build(document));
    }

    public DocsException Error(Block? at, string message) => new(Path, at is null ? 0 : at.Line + 1, message);
}
