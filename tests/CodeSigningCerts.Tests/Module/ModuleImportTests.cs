using System.Reflection;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Module;

/// <summary>What a user gets from Import-Module of the built manifest.</summary>
public sealed class ModuleImportTests
{
    private static readonly string[] ExpectedCmdlets =
    {
        "Connect-EnterpriseCodeSigning",
        "Disconnect-EnterpriseCodeSigning",
        "Get-EnterpriseCodeSigningCertificate",
        "Get-EnterpriseCodeSigningContext",
        "New-EnterpriseCodeSigningCertificate",
        "Remove-EnterpriseCodeSigningCertificate",
        "Set-EnterpriseCodeSigningCertificate",
        "Test-EnterpriseCodeSigningPackage",
    };

    [Fact]
    public void Import_exports_exactly_the_modules_cmdlets()
    {
        using var ps = new PsSession();

        var result = ps.Run("(Get-Module CodeSigningCerts).ExportedCommands.Keys");

        Assert.Empty(result.Errors);
        Assert.Equal(ExpectedCmdlets, result.Output.Select(o => o.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_module_is_laid_out_as_it_ships_under_its_version()
    {
        using var ps = new PsSession();

        var result = ps.Run("$m = Get-Module CodeSigningCerts; $m.Version.ToString(); $m.ModuleBase; $m.CompatiblePSEditions -join ','; $m.PowerShellVersion.ToString()");

        Assert.Equal(ModuleLayout.Version, result.Output[0].ToString());
        Assert.Equal(Path.GetFullPath(ModuleLayout.ModuleDirectory).TrimEnd('/'), Path.GetFullPath(result.Output[1].ToString()).TrimEnd('/'));
        Assert.Equal("Desktop,Core", result.Output[2].ToString());
        Assert.Equal("5.1", result.Output[3].ToString());
    }

    [Fact]
    public void The_engine_loads_from_Dependencies_in_the_modules_own_load_context()
    {
        using var ps = new PsSession();

        // First use: Connect creates the engine's Graph client.
        ps.Connect(new Uri("http://127.0.0.1:9/"), "not-a-real-token");
        var engine = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "CodeSigningCerts.Engine");
        var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(engine);

        Assert.NotNull(context);
        Assert.Equal("CodeSigningCerts", context!.Name);
        Assert.StartsWith(Path.Combine(ModuleLayout.ModuleDirectory, "Dependencies"), engine.Location, StringComparison.Ordinal);
    }

    // What the built module keeps in Dependencies/, loaded only in the module's own context: none of it may surface
    // in the cmdlet assembly. Read from the folder, so a dependency added later is checked without anyone listing it.
    private static readonly HashSet<string?> IsolatedAssemblies = new(
        Directory.GetFiles(Path.Combine(ModuleLayout.ModuleDirectory, "Dependencies"), "*.dll").Select(Path.GetFileNameWithoutExtension),
        StringComparer.Ordinal);

    [Fact]
    public void The_isolated_assemblies_are_read_from_the_built_module()
    {
        // A guard on the guard: an empty or misread folder would make the two tests below pass on nothing.
        Assert.Contains("CodeSigningCerts.Engine", IsolatedAssemblies);
        Assert.Contains("Microsoft.Identity.Client", IsolatedAssemblies);
        Assert.Contains("Microsoft.IdentityModel.Abstractions", IsolatedAssemblies);
        Assert.Contains("Newtonsoft.Json", IsolatedAssemblies);
    }

    [Fact]
    public void No_engine_json_msal_or_polly_type_appears_in_a_public_signature_of_the_cmdlet_assembly()
    {
        var offending = new List<string>();
        foreach (var type in CmdletAssembly().GetExportedTypes())
        {
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var types = member switch
                {
                    PropertyInfo p => new[] { p.PropertyType },
                    MethodInfo m => m.GetParameters().Select(x => x.ParameterType).Append(m.ReturnType).ToArray(),
                    ConstructorInfo c => c.GetParameters().Select(x => x.ParameterType).ToArray(),
                    FieldInfo f => new[] { f.FieldType },
                    _ => Array.Empty<Type>(),
                };
                offending.AddRange(types
                    .Where(t => IsolatedAssemblies.Contains(t.Assembly.GetName().Name))
                    .Select(t => type.Name + "." + member.Name + ": " + t.FullName));
            }
        }

        Assert.Empty(offending);
    }

    [Fact]
    public void No_type_of_the_cmdlet_assembly_derives_from_or_implements_an_isolated_type()
    {
        // PowerShell loads a cmdlet assembly's base types and interfaces at import: one from Dependencies/ would
        // pull the engine into the default load context before the module could isolate it.
        var offending = new List<string>();
        foreach (var type in CmdletAssembly().GetTypes())
        {
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (IsolatedAssemblies.Contains(baseType.Assembly.GetName().Name))
                {
                    offending.Add(type.FullName + " : " + baseType.FullName);
                }
            }

            offending.AddRange(type.GetInterfaces()
                .Where(i => IsolatedAssemblies.Contains(i.Assembly.GetName().Name))
                .Select(i => type.FullName + " : " + i.FullName));
        }

        Assert.Empty(offending);
    }

    /// <summary>The cmdlet assembly as a user's Import-Module loaded it.</summary>
    private static Assembly CmdletAssembly()
    {
        using var ps = new PsSession();
        return ps.Run("[CodeSigningCerts.EnterpriseCodeSigningCertificate].Assembly").Objects<Assembly>().Single();
    }
}
