using System.Reflection;
using System.Runtime.Loader;

namespace CodeSigningCerts.Loader;

/// <summary>
/// The module's private load context. It loads the engine and the libraries that other modules also
/// ship (MSAL, Newtonsoft, ...) from the module's Dependencies folder, whatever copies the process already has.
/// Framework assemblies (System.*, netstandard) come from the default context, because the runtime's
/// own copies are newer than the netstandard2.0 shims the module ships (Dependencies/Core/ holds only
/// those .NET 8 lacks; Dependencies/Desktop/ is Windows PowerShell 5.1's and never looked at here).
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private readonly string _dependencyDirectory;
    private readonly HashSet<string> _trustedPlatformAssemblies;

    public EngineLoadContext(string dependencyDirectory)
        : base("CodeSigningCerts", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
        _trustedPlatformAssemblies = ReadTrustedPlatformAssemblyNames();
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name is null)
        {
            return null;
        }

        var candidate = FindInModule(name);
        if (candidate is null)
        {
            return null;
        }

        // A framework assembly the runtime already provides (System.Memory, System.Text.Json, ...):
        // use the runtime's, which is newer than the netstandard2.0 copy shipped for Windows PowerShell.
        if (IsFrameworkName(name) && _trustedPlatformAssemblies.Contains(name))
        {
            return null;
        }

        return LoadFromAssemblyPath(candidate);
    }

    /// <summary>
    /// Dependencies/ holds the libraries; Dependencies/Core/ the netstandard2.0 helpers .NET 8 lacks (kept apart from
    /// Dependencies/ so that Windows PowerShell 5.1 never finds them beside MSAL; see ModuleLayout.targets).
    /// </summary>
    private string? FindInModule(string name)
    {
        foreach (var folder in new[] { _dependencyDirectory, Path.Combine(_dependencyDirectory, "Core") })
        {
            var candidate = Path.Combine(folder, name + ".dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsFrameworkName(string name) =>
        name.StartsWith("System.", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.Bcl.", StringComparison.Ordinal)
        || name.Equals("netstandard", StringComparison.Ordinal);

    private static HashSet<string> ReadTrustedPlatformAssemblyNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string paths)
        {
            foreach (var path in paths.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return names;
    }
}
