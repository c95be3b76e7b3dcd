using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Module;

/// <summary>
/// What the licences of the bundled libraries ask to travel with them: every library in Dependencies/ is named in
/// THIRD-PARTY-NOTICES.txt with its licence, and the licence and notice files its package carries are in ThirdPartyNotices/.
/// </summary>
public sealed class NoticesTests
{
    // The two Microsoft identity packages carry no licence file: THIRD-PARTY-NOTICES.txt reproduces their MIT licence.
    private static readonly string[] LicencedInTheIndex = ["Microsoft.Identity.Client", "Microsoft.IdentityModel.Abstractions"];

    private static string Module => ModuleLayout.ModuleDirectory;

    [Fact]
    public void The_module_carries_its_own_licence()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(ModuleLayout.RepositoryRoot, "LICENSE")), File.ReadAllText(Path.Combine(Module, "LICENSE")));
    }

    [Fact]
    public void Every_bundled_library_is_named_with_its_licence_and_its_packages_notices_are_beside_it()
    {
        var index = File.ReadAllText(Path.Combine(Module, "THIRD-PARTY-NOTICES.txt"));
        var libraries = Directory.GetFiles(Path.Combine(Module, "Dependencies"), "*.dll")
            .Select(Path.GetFileNameWithoutExtension).Where(name => name != "CodeSigningCerts.Engine").ToList();
        Assert.NotEmpty(libraries);

        foreach (var library in libraries)
        {
            Assert.Matches(@"(?m)^" + System.Text.RegularExpressions.Regex.Escape(library!) + @"\b.*\b(MIT|BSD-3-Clause)\s+Copyright", index);
            var notices = Directory.GetDirectories(Path.Combine(Module, "ThirdPartyNotices"), library + ".*")
                .Where(d => char.IsDigit(Path.GetFileName(d)[library!.Length + 1])).ToList();
            if (LicencedInTheIndex.Contains(library))
            {
                Assert.Contains("Copyright (c) Microsoft Corporation.\n\nPermission is hereby granted", index.ReplaceLineEndings("\n"), StringComparison.Ordinal);
                continue;
            }

            var folder = Assert.Single(notices);
            Assert.NotEmpty(Directory.GetFiles(folder, "LICENSE*"));
        }
    }

    [Fact]
    public void Pollys_BSD_licence_travels_with_its_binary()
    {
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(Module, "ThirdPartyNotices"), "Polly.Core.*"));
        var licence = File.ReadAllText(Path.Combine(folder, "LICENSE"));
        Assert.Contains("BSD 3-Clause License", licence, StringComparison.Ordinal);
        Assert.Contains("Copyright (c) 2015-2025, App vNext", licence, StringComparison.Ordinal);
        Assert.Contains("Redistributions in binary form must reproduce the above copyright notice", licence, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dotnet_packages_third_party_notices_are_kept()
    {
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(Module, "ThirdPartyNotices"), "System.Text.Json.*"));
        Assert.Contains("License notice for", File.ReadAllText(Path.Combine(folder, "THIRD-PARTY-NOTICES.TXT")), StringComparison.Ordinal);
    }
}
