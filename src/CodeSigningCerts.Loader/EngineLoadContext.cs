using System.Reflection;
using System.Runtime.Loader;

namespace CodeSigningCerts.Loader;

/// <summary>
/// The module's private load context. It loads the engine and the libraries that other modules also
/// ship (MSAL, Newtonsoft, ...) from the module's Dependencies folder, whatever copies the process already has.
/// Framework assemblies (System.*, netstandard) come from the default context, because the runtime's
/// own copies are newer than the netstandard2.0 shims in Dependencies.
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

        var candidate = Path.Combine(_dependencyDirectory, name + ".dll");
        if (!File.Exists(candidate))
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
