using System.Management.Automation;
using System.Reflection;
using CodeSigningCerts.Loading;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Desktop;

/// <summary>
/// The manifest's PowerShellVersion = '5.1' lets PowerShell 7.0-7.3 import the module, whose runtime cannot load the
/// net8.0 loader: the import must stop with one clear error naming 7.4 instead of a loader exception.
/// </summary>
public sealed class PowerShellSupportTests
{
    [Theory]
    [InlineData(7, 0)]
    [InlineData(7, 2)]
    [InlineData(7, 3)]
    public void PowerShell_7_before_7_4_is_refused_with_the_minimum_named(int major, int minor)
    {
        var reason = PowerShellSupport.UnsupportedReason(isWindowsPowerShell: false, new Version(major, minor, 11, 500));

        Assert.NotNull(reason);
        Assert.Contains("PowerShell 7.4 or later", reason, StringComparison.Ordinal);
        Assert.Contains("this is PowerShell " + major + "." + minor, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 7, 4)]
    [InlineData(false, 7, 6)]
    [InlineData(false, 8, 0)]
    [InlineData(true, 3, 0)] // Windows PowerShell 5.1's System.Management.Automation is 3.0.0.0.
    public void Windows_PowerShell_and_PowerShell_7_4_and_later_are_accepted(bool isWindowsPowerShell, int major, int minor)
    {
        Assert.Null(PowerShellSupport.UnsupportedReason(isWindowsPowerShell, new Version(major, minor, 0, 500)));
    }

    [Fact]
    public void The_shipped_import_refuses_PowerShell_7_3_with_the_modules_error_before_loading_anything()
    {
        using var ps = new PsSession();
        var import = ps.Run("[CodeSigningCerts.EnterpriseCodeSigningCertificate].Assembly").Objects<Assembly>().Single()
            .GetType("CodeSigningCerts.ModuleInitializer", throwOnError: true)!
            .GetMethod("Import", BindingFlags.NonPublic | BindingFlags.Static)!;

        var thrown = Assert.Throws<TargetInvocationException>(() => import.Invoke(null, new object[] { false, new Version(7, 3, 9, 500) }));

        var record = Assert.IsAssignableFrom<IContainsErrorRecord>(thrown.InnerException).ErrorRecord;
        Assert.Equal("PowerShellVersionUnsupported", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, record.CategoryInfo.Category);
        Assert.Equal("7.3", record.TargetObject);
        Assert.Contains("PowerShell 7.4 or later", record.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Contains("PowerShell 7.4 or later", record.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Module_shows_the_refusal_as_one_error_with_the_modules_id_category_target_and_advice()
    {
        // A binary module whose import runs the shipped module's import as PowerShell 7.3 would (built here with
        // Reflection.Emit: the hosted engine has no Add-Type). What Import-Module does with the exception is PowerShell's
        // own, the same from 7.0 to 7.6.
        using var ps = new PsSession();
        using var folder = new Support.TempDirectory();
        ImportAs73.Initializer = ps.Run("[CodeSigningCerts.EnterpriseCodeSigningCertificate].Assembly").Objects<Assembly>().Single()
            .GetType("CodeSigningCerts.ModuleInitializer", throwOnError: true)!;

        var import = ps.Run("Import-Module $probe -PassThru", ("probe", ImportAs73.SaveModuleAssembly(Path.Combine(folder.Path, "ImportAs73.dll"))));

        var error = Assert.Single(import.Errors);
        Assert.Empty(import.Output);
        Assert.Equal("PowerShellVersionUnsupported,Microsoft.PowerShell.Commands.ImportModuleCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.Equal("7.3", error.TargetObject);
        Assert.StartsWith("CodeSigningCerts needs PowerShell 7.4 or later", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Contains("PowerShell 7.4 or later", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
    }
}

/// <summary>The import of the shipped module, as PowerShell 7.3 would run it, behind a module initializer of its own.</summary>
public static class ImportAs73
{
    public static Type? Initializer { get; set; }

    public static void Run()
    {
        try
        {
            Initializer!.GetMethod("Import", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, new object[] { false, new Version(7, 3, 9, 500) });
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }

    /// <summary>A module assembly with one IModuleAssemblyInitializer whose OnImport calls <see cref="Run"/>, saved to <paramref name="path"/>.</summary>
    public static string SaveModuleAssembly(string path)
    {
        var assembly = new System.Reflection.Emit.PersistedAssemblyBuilder(new AssemblyName("ImportAs73"), typeof(object).Assembly);
        var type = assembly.DefineDynamicModule("ImportAs73").DefineType("ImportAs73Initializer", TypeAttributes.Public | TypeAttributes.Sealed, typeof(object), new[] { typeof(IModuleAssemblyInitializer) });
        var onImport = type.DefineMethod(nameof(IModuleAssemblyInitializer.OnImport), MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot, typeof(void), Type.EmptyTypes);
        var il = onImport.GetILGenerator();
        il.Emit(System.Reflection.Emit.OpCodes.Call, typeof(ImportAs73).GetMethod(nameof(Run))!);
        il.Emit(System.Reflection.Emit.OpCodes.Ret);
        type.DefineMethodOverride(onImport, typeof(IModuleAssemblyInitializer).GetMethod(nameof(IModuleAssemblyInitializer.OnImport))!);
        type.DefineDefaultConstructor(MethodAttributes.Public);
        type.CreateType();
        assembly.Save(path);
        return path;
    }
}
