using System.Management.Automation;
using System.Reflection;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Desktop;

[CollectionDefinition(nameof(ProcessWideResolution), DisableParallelization = true)]
public sealed class ProcessWideResolution
{
}

/// <summary>
/// The shipped module's Windows PowerShell 5.1 import and removal, run here: .NET 10 raises AppDomain.AssemblyResolve
/// as .NET Framework does. The module's import is called as 5.1 would call it; the handler it adds must answer its own
/// names at acceptable versions, leave other versions alone, and be gone after Remove-Module. Alone in its collection:
/// another test's Remove-Module would remove the handler under it.
/// </summary>
[Collection(nameof(ProcessWideResolution))]
public sealed class DesktopResolverTests
{
    // Polly.Core: shipped in Dependencies/, absent from this test process.
    private const string PollyToken = "c8a3ffc3f8f825cc";

    [Fact]
    public void The_handler_answers_shipped_names_at_acceptable_versions_only_and_is_removed_with_the_module()
    {
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "Polly.Core" && System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(a) == System.Runtime.Loader.AssemblyLoadContext.Default);
        using var ps = new PsSession();
        var module = ps.Run("[CodeSigningCerts.EnterpriseCodeSigningCertificate].Assembly").Objects<Assembly>().Single();
        var initializer = module.GetType("CodeSigningCerts.ModuleInitializer", throwOnError: true)!;
        var import = initializer.GetMethod("Import", BindingFlags.NonPublic | BindingFlags.Static)!;
        var cleanup = (IModuleAssemblyCleanup)Activator.CreateInstance(initializer)!;
        var moduleInfo = ps.Run("Get-Module CodeSigningCerts").Objects<PSModuleInfo>().Single();

        try
        {
            import.Invoke(null, new object[] { true, new Version(3, 0, 0, 0) }); // Windows PowerShell 5.1's import.

            // Another module asking for a Polly.Core major the module does not ship: not answered.
            Assert.Throws<FileNotFoundException>(() => Assembly.Load("Polly.Core, Version=7.0.0.0, Culture=neutral, PublicKeyToken=" + PollyToken));

            cleanup.OnRemove(moduleInfo);

            // After Remove-Module, not even the shipped version is answered: the handler is gone.
            Assert.Throws<FileNotFoundException>(() => Assembly.Load("Polly.Core, Version=8.0.0.0, Culture=neutral, PublicKeyToken=" + PollyToken));

            import.Invoke(null, new object[] { true, new Version(3, 0, 0, 0) }); // Imported again.

            var polly = Assembly.Load("Polly.Core, Version=8.0.0.0, Culture=neutral, PublicKeyToken=" + PollyToken);
            Assert.Equal(Path.Combine(ModuleLayout.ModuleDirectory, "Dependencies", "Polly.Core.dll"), polly.Location);
        }
        finally
        {
            cleanup.OnRemove(moduleInfo);
        }
    }
}
