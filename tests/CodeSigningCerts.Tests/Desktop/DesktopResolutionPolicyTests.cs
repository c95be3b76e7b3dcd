using System.Reflection;
using CodeSigningCerts.Loading;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Desktop;

/// <summary>
/// What Windows PowerShell 5.1's AssemblyResolve handler answers, asked of its decision (DesktopResolutionPolicy,
/// compiled in from src) with the module's real Dependencies folder. In 5.1 every module shares one AppDomain: the
/// handler must answer the module's own requests and leave every other module's alone.
/// </summary>
public sealed class DesktopResolutionPolicyTests
{
    private static readonly string ModuleDirectory = ModuleLayout.ModuleDirectory;
    private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "Dependencies");
    private static readonly IReadOnlyDictionary<string, ShippedAssembly> Shipped = ShippedCatalog.Read(DependencyDirectory);

    // Someone else's assembly, as another module's folder would hold it.
    private static readonly string ForeignRequester = Path.Combine(Path.GetTempPath(), "Modules", "Az.Accounts", "5.0.0", "Microsoft.Azure.PowerShell.Authentication.dll");
    private static readonly string OwnEngine = Path.Combine(DependencyDirectory, "CodeSigningCerts.Engine.dll");
    private static readonly string OwnPolly = Path.Combine(DependencyDirectory, "Polly.Core.dll");

    private static ShippedAssembly? Decide(string requested, string? requester) =>
        DesktopResolutionPolicy.Decide(new AssemblyName(requested), requester, ModuleDirectory, Shipped);

    private static string Token(string name) => Convert.ToHexString(Shipped[name].PublicKeyToken).ToLowerInvariant();

    [Fact]
    public void The_modules_own_request_gets_its_shipped_copy_whatever_version_it_names()
    {
        // Polly.Core references Microsoft.Bcl.AsyncInterfaces 6.0.0.0; the module ships 8.0.0.0.
        var answer = Decide("Microsoft.Bcl.AsyncInterfaces, Version=6.0.0.0, Culture=neutral, PublicKeyToken=" + Token("Microsoft.Bcl.AsyncInterfaces"), OwnPolly);

        Assert.NotNull(answer);
        Assert.Equal(Path.Combine(DependencyDirectory, "Desktop", "Microsoft.Bcl.AsyncInterfaces.dll"), answer!.Path);
    }

    [Fact]
    public void The_engine_is_found_for_the_cmdlet_assembly()
    {
        var answer = Decide("CodeSigningCerts.Engine, Version=" + Shipped["CodeSigningCerts.Engine"].Version + ", Culture=neutral, PublicKeyToken=null", Path.Combine(ModuleDirectory, "CodeSigningCerts.dll"));

        Assert.Equal(OwnEngine, answer?.Path);
    }

    [Fact]
    public void A_helper_comes_from_its_NET_Framework_build_not_the_netstandard_copy_PowerShell_7_uses()
    {
        // PowerShell 7's Dependencies/Core/ holds the netstandard2.0 System.Threading.RateLimiting; 5.1 must get Dependencies/Desktop/'s.
        Assert.True(File.Exists(Path.Combine(DependencyDirectory, "Core", "System.Threading.RateLimiting.dll")), "the guard needs both copies");

        var answer = Decide("System.Threading.RateLimiting, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", OwnEngine);

        Assert.Equal(Path.Combine(DependencyDirectory, "Desktop", "System.Threading.RateLimiting.dll"), answer?.Path);
    }

    [Fact]
    public void A_name_the_module_does_not_ship_is_left_alone_even_for_its_own_assemblies()
    {
        Assert.Null(Decide("System.Management.Automation, Version=3.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35", OwnEngine));
        Assert.Null(Decide("Microsoft.Azure.PowerShell.Authentication, Version=1.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35", ForeignRequester));
    }

    [Theory]
    [InlineData("12.0.0.0")] // An older major: Newtonsoft 12 and 13 are different contracts.
    [InlineData("14.0.0.0")] // Newer than what ships: handing over 13 would miss what the requester needs.
    public void Another_modules_request_at_an_unacceptable_version_is_left_alone(string version)
    {
        Assert.Null(Decide("Newtonsoft.Json, Version=" + version + ", Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed", ForeignRequester));
    }

    [Fact]
    public void Another_modules_request_at_an_acceptable_version_gets_the_shipped_copy()
    {
        // Same major, not higher: what Az.Accounts and Microsoft.Graph.Authentication also answer on 5.1.
        var newtonsoft = Decide("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed", ForeignRequester);
        var msal = Decide("Microsoft.Identity.Client, Version=4.55.0.0, Culture=neutral, PublicKeyToken=0a613f4dd989e8ae", null);

        Assert.Equal(Path.Combine(DependencyDirectory, "Newtonsoft.Json.dll"), newtonsoft?.Path);
        Assert.Equal(Path.Combine(DependencyDirectory, "Microsoft.Identity.Client.dll"), msal?.Path);
    }

    [Fact]
    public void Another_assembly_with_a_shipped_name_but_a_different_signer_is_left_alone()
    {
        Assert.Null(Decide("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=0123456789abcdef", ForeignRequester));
    }

    [Fact]
    public void A_request_by_partial_name_from_someone_else_is_left_alone()
    {
        Assert.Null(Decide("Newtonsoft.Json", ForeignRequester));
        Assert.Null(Decide("Polly.Core", null));
    }

    [Fact]
    public void A_folder_beside_the_module_whose_name_starts_like_it_is_not_the_module()
    {
        var sibling = ModuleDirectory.TrimEnd(Path.DirectorySeparatorChar) + "-other" + Path.DirectorySeparatorChar + "Other.dll";

        Assert.Null(Decide("Newtonsoft.Json, Version=12.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed", sibling));
    }

    [Theory]
    [InlineData("Microsoft.Bcl.AsyncInterfaces", "6.0.0.0", true)]         // Reviewed: 8.0 keeps 6.0's types.
    [InlineData("Microsoft.Bcl.AsyncInterfaces", "5.0.0.0", false)]        // Not reviewed.
    [InlineData("System.Runtime.CompilerServices.Unsafe", "4.0.4.1", true)] // Reviewed: 6.0 is 4.x's class with more members.
    [InlineData("System.Text.Json", "5.0.0.0", false)]                     // No exception: System.Text.Json changed behaviour across majors.
    public void Only_the_reviewed_exceptions_cross_a_major_version_without_a_requester(string name, string version, bool answered)
    {
        var answer = Decide(name + ", Version=" + version + ", Culture=neutral, PublicKeyToken=" + Token(name), null);

        Assert.Equal(answered, answer is not null);
    }

    [Fact]
    public void Every_reviewed_exception_names_an_assembly_the_module_ships_at_a_newer_major()
    {
        foreach (var (name, major) in DesktopResolutionPolicy.CrossMajorExceptions)
        {
            Assert.True(Shipped.TryGetValue(name, out var shipped), name + " is a reviewed exception but does not ship: remove it.");
            Assert.True(shipped!.Version.Major > major, name + " ships at major " + shipped.Version.Major + ": the exception for major " + major + " is stale.");
        }
    }
}
