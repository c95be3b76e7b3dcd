using System.Runtime.Loader;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Module;

/// <summary>
/// PowerShell 7 loads the helpers .NET 8 lacks from Dependencies/Core/ (the netstandard2.0 builds it loaded from
/// Dependencies/ before Dependencies/Desktop/ existed), in the module's own context, and never a .NET Framework build.
/// </summary>
public sealed class CoreHelpersTests
{
    [Fact]
    public void A_helper_the_runtime_lacks_loads_from_Dependencies_Core_in_the_modules_own_context()
    {
        using var ps = new PsSession();

        // First use: Connect creates the engine's Graph client, whose retry pipeline (Polly) needs Microsoft.Bcl.TimeProvider.
        ps.Connect(new Uri("http://127.0.0.1:9/"), "not-a-real-token");
        var timeProvider = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "Microsoft.Bcl.TimeProvider");

        Assert.Equal("CodeSigningCerts", AssemblyLoadContext.GetLoadContext(timeProvider)?.Name);
        Assert.Equal(Path.Combine(ModuleLayout.ModuleDirectory, "Dependencies", "Core", "Microsoft.Bcl.TimeProvider.dll"), timeProvider.Location);
    }

    [Fact]
    public void Nothing_from_Dependencies_Desktop_is_loaded_on_PowerShell_7()
    {
        using var ps = new PsSession();
        ps.Connect(new Uri("http://127.0.0.1:9/"), "not-a-real-token");

        var desktop = Path.Combine(ModuleLayout.ModuleDirectory, "Dependencies", "Desktop");
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => !a.IsDynamic && a.Location.StartsWith(desktop, StringComparison.Ordinal));
    }
}
