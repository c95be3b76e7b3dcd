using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CodeSigningCerts
{
    /// <summary>
    /// Runs at Import-Module. It only arranges where the engine will be loaded from; nothing in Dependencies/
    /// loads until a cmdlet first needs it. On PowerShell 7 the engine and its dependencies go into the
    /// module's own AssemblyLoadContext; on Windows PowerShell 5.1 a resolver answers only for the
    /// assemblies that ship in Dependencies/.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly object Gate = new object();
        private static bool _registered;

        /// <summary>The folder the module was imported from.</summary>
        internal static string ModuleDirectory { get; } = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";

        /// <summary>Where the engine and its dependencies live.</summary>
        internal static string DependencyDirectory { get; } = Path.Combine(ModuleDirectory, "Dependencies");

        /// <inheritdoc />
        public void OnImport() => RegisterEngineResolution();

        internal static void RegisterEngineResolution()
        {
            lock (Gate)
            {
                if (_registered)
                {
                    return;
                }

                if (IsWindowsPowerShell())
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveFromLib;
                }
                else
                {
                    // The loader is a net8.0 assembly (AssemblyLoadContext is not in netstandard2.0);
                    // one reflection call at import is the whole cost.
                    var loader = Assembly.LoadFrom(Path.Combine(ModuleDirectory, "CodeSigningCerts.Loader.dll"));
                    var register = loader.GetType("CodeSigningCerts.Loader.EngineLoader", throwOnError: true)!.GetMethod("Register")!;
                    register.Invoke(null, new object[] { DependencyDirectory });
                }

                _registered = true;
            }
        }

        private static bool IsWindowsPowerShell() =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <summary>Windows PowerShell 5.1: answers only for assemblies that ship in Dependencies/, and only when asked.</summary>
        private static Assembly? ResolveFromLib(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            var candidate = Path.Combine(DependencyDirectory, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
