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
}
