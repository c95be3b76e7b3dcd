using System.Reflection;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Desktop;

/// <summary>
/// Windows PowerShell 5.1 cannot run here, so what it would load is checked on paper: every assembly the built module
/// loads there (the cmdlet assembly, Dependencies/Desktop/, and the rest of Dependencies/) read from output/ against
/// the .NET Framework 4.7.2 reference assemblies (the package Microsoft.NETFramework.ReferenceAssemblies.net472).
/// </summary>
public sealed class DesktopClosureTests
{
    private static readonly string Dependencies = Path.Combine(ModuleLayout.ModuleDirectory, "Dependencies");

    /// <summary>
    /// Every reference 5.1 resolves to a shipped assembly of another version than the one named: .NET Framework has no
    /// binding redirect for them (powershell.exe.config has none for a module), so each is a request the module's
    /// AssemblyResolve handler answers with the shipped copy. Each is reviewed: the shipped version is the same
    /// contract or a compatible superset of the one asked for.
    /// </summary>
    private static readonly Dictionary<string, string> ReviewedRedirections = new(StringComparer.Ordinal)
    {
        ["Microsoft.Identity.Client -> System.Security.Cryptography.Cng 4.3.0.0 => 5.0.0.0"] = "MSAL's netstandard2.0 build names the contract version; the shipped net47 build of the same package forwards every type to System.Core.",
        ["Microsoft.Identity.Client -> System.Text.Json 6.0.0.0 => 6.0.0.10"] = "The package's .NET Framework build of 6.0.10 carries a servicing assembly version; same API.",
        ["Microsoft.Identity.Client -> System.Diagnostics.DiagnosticSource 6.0.0.0 => 6.0.0.1"] = "Servicing assembly version of the .NET Framework build of 6.0.1; same API.",
        ["Microsoft.Identity.Client -> System.Formats.Asn1 8.0.0.0 => 8.0.0.1"] = "Servicing assembly version of the .NET Framework build of 8.0.1; same API.",
        ["Polly.Core -> Microsoft.Bcl.AsyncInterfaces 6.0.0.0 => 8.0.0.0"] = "8.0 keeps every 6.0 type with the same signatures (also a reviewed exception of DesktopResolutionPolicy).",
        ["Polly.Core -> Microsoft.Bcl.TimeProvider 8.0.0.0 => 8.0.0.1"] = "Servicing assembly version of 8.0.1; same API.",
        ["Polly.Core -> System.Runtime.CompilerServices.Unsafe 4.0.4.1 => 6.0.0.0"] = "6.0 is the same Unsafe class with more members (also a reviewed exception of DesktopResolutionPolicy).",
        ["Polly.Core -> System.ComponentModel.Annotations 4.2.0.0 => 4.2.1.0"] = "The net461 build of 4.7.0; same API.",
        ["System.Threading.Tasks.Extensions -> System.Runtime.CompilerServices.Unsafe 4.0.4.1 => 6.0.0.0"] = "As for Polly.Core.",
        ["System.Memory -> System.Runtime.CompilerServices.Unsafe 4.0.4.1 => 6.0.0.0"] = "As for Polly.Core.",
        ["System.Text.Json -> System.Memory 4.0.1.1 => 4.0.1.2"] = "Servicing assembly version of System.Memory 4.5.5; same API.",
        ["System.Text.Json -> Microsoft.Bcl.AsyncInterfaces 6.0.0.0 => 8.0.0.0"] = "As for Polly.Core.",
        ["System.Diagnostics.DiagnosticSource -> System.Memory 4.0.1.1 => 4.0.1.2"] = "As for System.Text.Json.",
        ["System.Text.Encodings.Web -> System.Memory 4.0.1.1 => 4.0.1.2"] = "As for System.Text.Json.",
    };

    /// <summary>What Windows PowerShell 5.1 itself provides beside the Framework.</summary>
    private static readonly Dictionary<string, Version> HostProvided = new(StringComparer.Ordinal)
    {
        ["System.Management.Automation"] = new Version(3, 0, 0, 0), // The cmdlet assembly compiles against PowerShellStandard.Library 5.1.
    };

    private static readonly Lazy<Dictionary<string, Version>> Framework = new(ReadFramework);

    private static readonly Lazy<List<AssemblyFile>> Desktop = new(ReadDesktopSet);

    [Fact]
    public void The_Desktop_set_is_read_from_the_built_module()
    {
        // A guard on the guards below: an empty or misread folder would make them pass on nothing.
        var names = Desktop.Value.Select(a => a.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "CodeSigningCerts", "CodeSigningCerts.Engine", "Microsoft.Identity.Client", "Newtonsoft.Json", "Polly.Core", "System.Text.Json", "System.Memory" }, names);
        Assert.Contains("mscorlib", Framework.Value.Keys);
        Assert.Contains("netstandard", Framework.Value.Keys);
    }

    [Fact]
    public void Every_reference_is_satisfied_by_the_Framework_or_a_shipped_assembly_at_an_acceptable_version()
    {
        var shipped = Desktop.Value.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var unsatisfied = new List<string>();
        foreach (var assembly in Desktop.Value)
        {
            foreach (var (name, version) in assembly.References)
            {
                if (SatisfiedByFrameworkOrHost(name, version))
                {
                    continue;
                }

                if (!shipped.TryGetValue(name, out var candidate))
                {
                    unsatisfied.Add($"{assembly.Name} -> {name} {version}: neither the Framework nor the module has it");
                }
                else if (candidate.Version < version)
                {
                    unsatisfied.Add($"{assembly.Name} -> {name} {version}: the module ships only {candidate.Version}");
                }
            }
        }

        Assert.True(unsatisfied.Count == 0, string.Join("\n", unsatisfied));
    }

    [Fact]
    public void The_version_redirections_are_the_reviewed_ones()
    {
        var shipped = Desktop.Value.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var found = Desktop.Value
            .SelectMany(a => a.References
                .Where(r => !SatisfiedByFrameworkOrHost(r.Name, r.Version) && shipped.TryGetValue(r.Name, out var s) && s.Version != r.Version)
                .Select(r => $"{a.Name} -> {r.Name} {r.Version} => {shipped[r.Name].Version}"))
            .ToHashSet(StringComparer.Ordinal);

        var unreviewed = found.Except(ReviewedRedirections.Keys).Order(StringComparer.Ordinal).ToList();
        var stale = ReviewedRedirections.Keys.Except(found).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            unreviewed.Count == 0 && stale.Count == 0,
            string.Concat(unreviewed.Select(r => "\nNot reviewed (add it with the reason it is safe, or ship the version asked): " + r))
            + string.Concat(stale.Select(r => "\nReviewed but no longer happens (remove it): " + r)));
    }

    [Fact]
    public void No_shipped_assembly_is_a_build_that_only_throws_PlatformNotSupportedException()
    {
        var stubs = Desktop.Value
            .Where(a => a.PlatformNotSupportedShare > 0.5)
            .Select(a => $"{Path.GetRelativePath(ModuleLayout.ModuleDirectory, a.Path)}: {a.PlatformNotSupportedShare:P0} of its methods only throw PlatformNotSupportedException")
            .ToList();

        Assert.True(stubs.Count == 0, "Ship the package's .NET Framework build instead:\n" + string.Join("\n", stubs));
    }

    [Fact]
    public void Nothing_ships_that_the_Framework_already_provides()
    {
        var redundant = Desktop.Value
            .Where(a => Framework.Value.TryGetValue(a.Name, out var provided) && provided >= a.Version)
            .Select(a => $"{Path.GetRelativePath(ModuleLayout.ModuleDirectory, a.Path)} {a.Version}: .NET Framework 4.7.2 has {Framework.Value[a.Name]}")
            .ToList();

        Assert.True(redundant.Count == 0, string.Join("\n", redundant));
    }

    [Fact]
    public void Dependencies_and_Core_hold_only_netstandard_builds_for_PowerShell_7()
    {
        // What PowerShell 7 loads from the module stays as before Dependencies/Desktop/ existed: no .NET Framework build
        // there (MSAL's would bring its WinForms web view; a Framework helper would reference mscorlib).
        var frameworkBuilds = CoreFiles()
            .Select(AssemblyFile.Read)
            .Where(a => a.References.Any(r => r.Name == "mscorlib") || a.References.All(r => r.Name != "netstandard"))
            .Select(a => a.Name)
            .ToList();

        Assert.Empty(frameworkBuilds);
    }

    [Fact]
    public void No_Desktop_build_has_a_namesake_beside_the_libraries()
    {
        // .NET Framework looks for an assembly's references in the assembly's own folder before raising AssemblyResolve:
        // a copy in Dependencies/ would be loaded instead of Dependencies/Desktop/'s .NET Framework build.
        var desktop = Directory.GetFiles(Path.Combine(Dependencies, "Desktop"), "*.dll").Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.DoesNotContain(Directory.GetFiles(Dependencies, "*.dll").Select(Path.GetFileName), desktop.Contains);
    }

    [Fact]
    public void Every_helper_PowerShell_7_does_not_find_in_the_module_is_part_of_the_NET_runtime()
    {
        // PowerShell 7's load context takes System.* from the runtime; a helper missing from both would fail to load.
        var runtime = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var core = CoreFiles().Select(AssemblyFile.Read).ToList();
        var shipped = core.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);

        var missing = core
            .SelectMany(a => a.References)
            .Select(r => r.Name)
            .Where(n => (n.StartsWith("System.", StringComparison.Ordinal) || n == "netstandard") && !shipped.Contains(n) && !runtime.Contains(n))
            .Distinct()
            .ToList();

        Assert.Empty(missing);
    }

    /// <summary>What PowerShell 7's load context can load from the module: Dependencies/ and Dependencies/Core/.</summary>
    private static IEnumerable<string> CoreFiles() =>
        Directory.GetFiles(Dependencies, "*.dll").Concat(Directory.GetFiles(Path.Combine(Dependencies, "Core"), "*.dll"));

    private static bool SatisfiedByFrameworkOrHost(string name, Version version) =>
        (Framework.Value.TryGetValue(name, out var provided) && provided >= version)
        || (HostProvided.TryGetValue(name, out var host) && host >= version);

    /// <summary>What Windows PowerShell 5.1 loads: the cmdlet assembly, Dependencies/Desktop/, then the rest of Dependencies/.</summary>
    private static List<AssemblyFile> ReadDesktopSet()
    {
        var set = new List<AssemblyFile> { AssemblyFile.Read(Path.Combine(ModuleLayout.ModuleDirectory, "CodeSigningCerts.dll")) };
        var desktop = Path.Combine(Dependencies, "Desktop");
        if (Directory.Exists(desktop))
        {
            set.AddRange(Directory.GetFiles(desktop, "*.dll").Select(AssemblyFile.Read));
        }

        var taken = set.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        set.AddRange(Directory.GetFiles(Dependencies, "*.dll").Select(AssemblyFile.Read).Where(a => !taken.Contains(a.Name)));
        return set;
    }

    private static Dictionary<string, Version> ReadFramework()
    {
        var directory = typeof(DesktopClosureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NetFramework472ReferenceAssemblies").Value!;
        return Directory.GetFiles(directory, "*.dll")
            .Concat(Directory.GetFiles(Path.Combine(directory, "Facades"), "*.dll"))
            .Select(AssemblyFile.TryRead)
            .OfType<AssemblyFile>()
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(a => a.Version)!, StringComparer.Ordinal);
    }
}
