using System.Management.Automation;
using System.Text.RegularExpressions;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Help;

/// <summary>
/// One runspace with the built module imported, shared by a test class: the help tests only read
/// (Get-Help, Get-Command), so they need not pay for an import each.
/// </summary>
public sealed partial class HelpSession : IDisposable
{
    public PsSession Ps { get; } = new();

    public static string DocsDirectory => Path.Combine(ModuleLayout.RepositoryRoot, "docs", "en-US");

    /// <summary>The cmdlets in the source manifest's CmdletsToExport, for theories (read without starting PowerShell).</summary>
    public static TheoryData<string> ManifestCmdlets
    {
        get
        {
            var manifest = File.ReadAllText(ModuleLayout.SourceManifest);
            var list = CmdletsToExport().Match(manifest).Groups["list"].Value;
            var data = new TheoryData<string>();
            foreach (Match name in QuotedName().Matches(list))
            {
                data.Add(name.Groups[1].Value);
            }

            return data;
        }
    }

    /// <summary>The module's cmdlets as the engine exports them.</summary>
    public IReadOnlyList<CmdletInfo> ExportedCmdlets()
    {
        var result = Ps.Run("Get-Command -Module CodeSigningCerts -CommandType Cmdlet");
        Assert.Empty(result.Errors);
        return result.Objects<CmdletInfo>();
    }

    public CmdletInfo Cmdlet(string name)
    {
        var result = Ps.Run("Get-Command -Name $name -CommandType Cmdlet", ("name", name));
        Assert.Empty(result.Errors);
        return Assert.Single(result.Objects<CmdletInfo>());
    }

    public void Dispose() => Ps.Dispose();

    [GeneratedRegex(@"CmdletsToExport\s*=\s*@\((?<list>[^)]*)\)")]
    private static partial Regex CmdletsToExport();

    [GeneratedRegex(@"'([^']+)'")]
    private static partial Regex QuotedName();
}
