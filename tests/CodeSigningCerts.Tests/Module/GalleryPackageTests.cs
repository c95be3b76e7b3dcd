using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Module;

/// <summary>The Gallery package (dotnet pack tools/GalleryPackage): the built module, with everything the Gallery shows.</summary>
public sealed class GalleryPackageTests
{
    [Fact]
    public void The_manifest_carries_what_the_Gallery_shows()
    {
        using var ps = new PsSession(importModule: false);

        var module = ps.Run("Test-ModuleManifest -Path $m", ("m", ModuleLayout.Manifest)).Output.Single();

        Assert.False(string.IsNullOrWhiteSpace(module.Text("Description")));
        Assert.Contains("Intune", ((IEnumerable<string>)module.Prop("Tags")!));
        Assert.Equal("https", ((Uri)module.Prop("ProjectUri")!).Scheme);
        Assert.Equal("https", ((Uri)module.Prop("LicenseUri")!).Scheme);
        Assert.EndsWith("icon.png", ((Uri)module.Prop("IconUri")!).AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith(ModuleLayout.Version, module.Text("ReleaseNotes"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(ModuleLayout.RepositoryRoot, "docs", "icon.png")));
    }

    [Fact]
    public void The_package_holds_the_module_folder_and_the_manifests_metadata()
    {
        using var output = new TempDirectory();
        var project = Path.Combine(ModuleLayout.RepositoryRoot, "tools", "GalleryPackage");

        // --no-build packs the module folder this test run already built (building it again here would empty
        // it under the tests that are importing it); --no-build also skips restore, so restore first.
        Dotnet("restore", project);
        Dotnet("pack", project, "--no-build", "-p:PackageOutputPath=" + output.Path + "/");

        using var package = ZipFile.OpenRead(Path.Combine(output.Path, "CodeSigningCerts." + ModuleLayout.Version + ".nupkg"));
        var files = package.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var expected in new[] { "CodeSigningCerts.psd1", "CodeSigningCerts.dll", "CodeSigningCerts.Loader.dll", "CodeSigningCerts.format.ps1xml", "Dependencies/CodeSigningCerts.Engine.dll", "Dependencies/Microsoft.Identity.Client.dll", "en-US/CodeSigningCerts.dll-Help.xml", "en-US/about_CodeSigningCerts.help.txt", "LICENSE", "THIRD-PARTY-NOTICES.txt", "README.md" })
        {
            Assert.Contains(expected, files);
        }

        Assert.Contains(files, f => f.StartsWith("ThirdPartyNotices/Polly.Core.", StringComparison.Ordinal) && f.EndsWith("/LICENSE", StringComparison.Ordinal));
        using var nuspecStream = package.GetEntry("CodeSigningCerts.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        using (var readme = new StreamReader(package.GetEntry("README.md")!.Open()))
        {
            AssertLinksLeadFromTheGallery(File.ReadAllText(Path.Combine(ModuleLayout.RepositoryRoot, "README.md")), readme.ReadToEnd(), Value("projectUrl"));
        }

        Assert.Equal("CodeSigningCerts", Value("id"));
        Assert.Equal(ModuleLayout.Version, Value("version"));
        Assert.Contains("enterpriseCodeSigningCertificate", Value("description"), StringComparison.Ordinal);
        var tags = Value("tags").Split(' ');
        Assert.Contains("PSModule", tags);
        Assert.Contains("PSCmdlet_New-EnterpriseCodeSigningCertificate", tags);
        Assert.Contains("PSEdition_Core", tags);
        Assert.StartsWith("https://", Value("projectUrl"), StringComparison.Ordinal);
        Assert.StartsWith("https://", Value("licenseUrl"), StringComparison.Ordinal);
        Assert.EndsWith("icon.png", Value("iconUrl"), StringComparison.Ordinal);
        Assert.StartsWith(ModuleLayout.Version, Value("releaseNotes"), StringComparison.Ordinal);
        Assert.Equal("README.md", Value("readme"));
    }

    // The Gallery page shows the readme alone: each relative link of README.md must lead into the repository (the
    // manifest's ProjectUri), and nothing else may change.
    private static void AssertLinksLeadFromTheGallery(string original, string packaged, string projectUri)
    {
        const string InlineLink = @"\]\(([^)\s]+)\)";
        var before = Regex.Matches(original, InlineLink).Select(m => m.Groups[1].Value).ToList();
        var after = Regex.Matches(packaged, InlineLink).Select(m => m.Groups[1].Value).ToList();

        Assert.Contains(before, link => !link.Contains(':', StringComparison.Ordinal));
        Assert.Equal(before.Count, after.Count);
        Assert.All(after, link => Assert.Matches("^(https://|#)", link));
        foreach (var (was, now) in before.Zip(after))
        {
            if (was.StartsWith("https://", StringComparison.Ordinal) || was.StartsWith('#'))
            {
                Assert.Equal(was, now);
            }
            else
            {
                Assert.StartsWith(projectUri.TrimEnd('/') + "/", now, StringComparison.Ordinal);
                Assert.EndsWith("/main/" + was, now, StringComparison.Ordinal);
            }
        }

        // No other kind of relative link for the rewrite to miss: reference definitions, HTML.
        Assert.DoesNotMatch(@"(?m)^\s*\[[^\]]+\]:\s*(?!https://)", packaged);
        Assert.DoesNotMatch(@"(href|src)\s*=\s*[""'](?!https://)", packaged);
        Assert.Equal(Regex.Replace(original, InlineLink, "]()").TrimEnd(), Regex.Replace(packaged, InlineLink, "]()").TrimEnd());
    }

    private static void Dotnet(params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        var log = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "dotnet " + string.Join(' ', arguments) + " failed:\n" + log + error.Result);
    }
}
