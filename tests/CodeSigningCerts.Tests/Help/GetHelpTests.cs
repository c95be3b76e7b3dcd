using System.Globalization;
using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Help;

/// <summary>
/// What Get-Help shows a user of the built module: the help generated from docs/en-US into the
/// module's en-US folder. Without it, Get-Help would make up a syntax-only page, which these catch.
/// </summary>
public sealed class GetHelpTests : IClassFixture<HelpSession>
{
    private const string HelpFile = "CodeSigningCerts.dll-Help.xml";

    // Plain values out of Get-Help's objects, so the test reads them without PowerShell's formatting.
    private const string ReadHelp = """
        $h = Get-Help -Name $name -Full
        [pscustomobject]@{
            Synopsis    = [string]$h.Synopsis
            Description = (@($h.description) | Where-Object { $_ } | ForEach-Object { $_.Text }) -join "`n"
            Parameters  = @(@($h.parameters.parameter) | Where-Object { $_ } | ForEach-Object {
                [pscustomobject]@{ Name = [string]$_.name; Description = (@($_.description) | Where-Object { $_ } | ForEach-Object { $_.Text }) -join ' ' }
            })
            Examples    = @(@($h.examples.example) | Where-Object { $_.code }).Count
        }
        """;

    private readonly HelpSession _session;

    public GetHelpTests(HelpSession session)
    {
        _session = session;
    }

    public static TheoryData<string> Cmdlets => HelpSession.ManifestCmdlets;

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Get_Help_Full_shows_the_documented_synopsis_description_every_parameter_and_examples(string name)
    {
        var result = _session.Ps.Run(ReadHelp, ("name", name));

        Assert.Empty(result.Errors);
        var help = Assert.Single(result.Output);
        var page = DocsPage.Read(Path.Combine(HelpSession.DocsDirectory, name + ".md"));
        Assert.Equal(Words(page.Synopsis.Replace("`", string.Empty, StringComparison.Ordinal)), Words(help.Text("Synopsis")));
        Assert.False(string.IsNullOrWhiteSpace(help.Text("Description")), $"Get-Help {name} -Full has no description.");
        Assert.True((int)help.Prop("Examples")! >= 3, $"Get-Help {name} -Full shows {help.Prop("Examples")} example(s).");

        var shown = Items(help.Prop("Parameters"))
            .ToDictionary(p => p.Text("Name")!, p => p.Text("Description"), StringComparer.OrdinalIgnoreCase);
        var real = _session.Cmdlet(name).Parameters.Keys.Where(k => !CmdletSurface.IsCommon(k)).ToList();
        foreach (var parameter in real)
        {
            Assert.True(shown.TryGetValue(parameter, out var description), $"Get-Help {name} -Full does not show -{parameter}.");
            Assert.False(string.IsNullOrWhiteSpace(description), $"Get-Help {name} -Full shows -{parameter} without a description.");
        }

        Assert.Empty(shown.Keys.Except(real, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Get_Help_finds_the_about_topic()
    {
        var result = _session.Ps.Run("Get-Help -Name about_CodeSigningCerts");

        Assert.Empty(result.Errors);
        var topic = Assert.Single(result.Output);
        Assert.Equal("about_CodeSigningCerts", topic.Text("Name"));
        Assert.StartsWith("Manages the Windows enterprise code-signing certificates of Intune", topic.Text("Synopsis"), StringComparison.Ordinal);
        var text = topic.BaseObject.ToString()!;
        foreach (var heading in new[] { "LONG DESCRIPTION", "CONNECTING", "CHECKS AND -FORCE", "ERROR IDS", "TRYING THE MODULE OFFLINE", "TROUBLESHOOTING" })
        {
            Assert.Contains(heading, text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The cmdlets' HelpFile is the assembly's file name + -Help.xml, and the build puts it only in
    /// en-US/. PowerShell looks in the UI culture's folder and its parents, then the module folder,
    /// then en-US: so en-US/ serves a hosted engine's invariant culture as well as any other.
    /// </summary>
    [Fact]
    public void The_help_ships_in_the_en_US_folder_only_and_Get_Help_finds_it_from_the_invariant_culture()
    {
        var result = _session.Ps.Run("(Get-Command New-EnterpriseCodeSigningCertificate).HelpFile; [cultureinfo]::CurrentUICulture.Name; (Get-Help New-EnterpriseCodeSigningCertificate).Synopsis");

        Assert.Empty(result.Errors);
        Assert.Equal(HelpFile, Path.GetFileName(result.Output[0].ToString()));
        Assert.True(File.Exists(Path.Combine(ModuleLayout.ModuleDirectory, "en-US", HelpFile)), "The build did not put the help in en-US/.");
        Assert.True(File.Exists(Path.Combine(ModuleLayout.ModuleDirectory, "en-US", "about_CodeSigningCerts.help.txt")), "The build did not put the about topic in en-US/.");
        Assert.False(File.Exists(Path.Combine(ModuleLayout.ModuleDirectory, HelpFile)), "The help should be in en-US/ only, so that this test shows Get-Help finds it there.");
        Assert.Equal(string.Empty, result.Output[1].ToString());
        Assert.StartsWith("Uploads code-signing certificates", result.Output[2].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Get_Help_finds_the_en_US_help_from_another_UI_culture()
    {
        // The runspace takes its UI culture from the thread that creates it (through the default host).
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            using var ps = new PsSession();
            var result = ps.Run("[cultureinfo]::CurrentUICulture.Name; (Get-Help Get-EnterpriseCodeSigningCertificate).Synopsis; (Get-Help about_CodeSigningCerts).Synopsis");

            Assert.Empty(result.Errors);
            Assert.Equal("de-DE", result.Output[0].ToString());
            Assert.StartsWith("Gets the enterprise code-signing certificates", result.Output[1].ToString(), StringComparison.Ordinal);
            Assert.StartsWith("Manages the Windows enterprise", result.Output[2].ToString(), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>An array property as PowerShell hands it over: an object[] of PSObjects, possibly wrapped.</summary>
    private static IEnumerable<PSObject> Items(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value) switch
    {
        null => Enumerable.Empty<PSObject>(),
        object[] items => items.Select(PSObject.AsPSObject),
        var single => new[] { PSObject.AsPSObject(single) },
    };

    private static string Words(string? text) => string.Join(" ", (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
