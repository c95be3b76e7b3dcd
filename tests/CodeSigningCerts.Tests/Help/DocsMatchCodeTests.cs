namespace CodeSigningCerts.Tests.Help;

/// <summary>
/// docs/en-US is the source of the help that ships, so it must describe the cmdlets as they are: a
/// parameter added, renamed, moved to another set or given pipeline input fails here, with the text
/// to put in the page, until the page says so too.
/// </summary>
public sealed class DocsMatchCodeTests : IClassFixture<HelpSession>
{
    private readonly HelpSession _session;

    public DocsMatchCodeTests(HelpSession session)
    {
        _session = session;
    }

    public static TheoryData<string> Cmdlets => HelpSession.ManifestCmdlets;

    [Fact]
    public void Every_exported_cmdlet_has_a_page_and_every_page_documents_an_exported_cmdlet()
    {
        var exported = _session.ExportedCmdlets().Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        var pages = Directory.GetFiles(HelpSession.DocsDirectory, "*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => !n!.StartsWith("about_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        var missing = exported.Except(pages).ToList();
        var orphaned = pages.Except(exported).ToList();
        Assert.True(
            missing.Count == 0 && orphaned.Count == 0,
            string.Concat(missing.Select(m => $"\n{m} has no page: create docs/en-US/{m}.md (copy the page of a similar cmdlet; the drift test then lists what to change)."))
            + string.Concat(orphaned.Select(o => $"\ndocs/en-US/{o}.md documents no exported cmdlet: rename it to the cmdlet's name or delete it.")));
        Assert.NotEmpty(exported);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void The_page_documents_exactly_the_cmdlets_parameters_and_parameter_sets(string name)
    {
        var path = Path.Combine(HelpSession.DocsDirectory, name + ".md");
        Assert.True(File.Exists(path), $"docs/en-US/{name}.md is missing.");
        var surface = new CmdletSurface(_session.Cmdlet(name));
        var page = DocsPage.Read(path);

        var problems = DocsDrift.Find(surface, page);

        Assert.True(
            problems.Count == 0,
            $"docs/en-US/{name}.md no longer matches {name} ({problems.Count} difference(s)):\n\n" + string.Join("\n\n", problems.Select(p => "* " + p)));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void The_page_has_a_synopsis_and_at_least_three_examples(string name)
    {
        var page = DocsPage.Read(Path.Combine(HelpSession.DocsDirectory, name + ".md"));

        Assert.Equal(name, page.Title);
        Assert.False(string.IsNullOrWhiteSpace(page.Synopsis), $"docs/en-US/{name}.md: ## SYNOPSIS is empty.");
        Assert.True(page.ExampleCount >= 3, $"docs/en-US/{name}.md has {page.ExampleCount} example(s) under ## EXAMPLES; write at least three real tasks (### Example N: title, a ```powershell block, what it does).");
    }
}
