using System.Reflection;
using System.Runtime.Loader;

namespace CodeSigningCerts.Loader;

/// <summary>
/// Called once, by reflection, from the cmdlet assembly's import hook on PowerShell 7. The cmdlet
/// assembly references CodeSigningCerts.Engine, which the default context cannot find (it lives in
/// Dependencies/); this hook answers that one request with the engine loaded into the private context, so
/// everything the engine touches resolves there too.
/// </summary>
public static class EngineLoader
{
    private const string EngineAssemblyName = "CodeSigningCerts.Engine";
    private static readonly object Gate = new();
    private static EngineLoadContext? _context;

    /// <summary>Hooks the default context's resolution of the engine assembly. Safe to call again.</summary>
    public static void Register(string dependencyDirectory)
    {
        lock (Gate)
        {
            if (_context is not null)
            {
                return;
            }

            _context = new EngineLoadContext(dependencyDirectory);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        if (!string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        return _context?.LoadFromAssemblyName(name);
    }
}
