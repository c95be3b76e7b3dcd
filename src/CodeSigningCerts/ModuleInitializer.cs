using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using CodeSigningCerts.Loading;

namespace CodeSigningCerts
{
    /// <summary>
    /// Runs at Import-Module and Remove-Module. It only arranges where the engine will be loaded from; nothing in
    /// Dependencies/ loads until a cmdlet first needs it. On PowerShell 7 the engine and its dependencies go into the
    /// module's own AssemblyLoadContext (CodeSigningCerts.Loader); on Windows PowerShell 5.1 an AssemblyResolve handler
    /// answers only for what the module ships (<see cref="DesktopResolutionPolicy"/>) and is removed with the module.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly object Gate = new object();
        private static bool _coreLoaderRegistered;
        private static DesktopAssemblyResolver? _desktopResolver;

        /// <summary>The folder the module was imported from.</summary>
        internal static string ModuleDirectory { get; } = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";

        /// <summary>Where the engine and its dependencies live.</summary>
        internal static string DependencyDirectory { get; } = Path.Combine(ModuleDirectory, "Dependencies");

        /// <inheritdoc />
        public void OnImport() => Import(IsWindowsPowerShell(), typeof(PSObject).Assembly.GetName().Version ?? new Version(0, 0));

        /// <inheritdoc />
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                // PowerShell 7's hook stays: it answers only CodeSigningCerts.Engine, which the default context then
                // keeps, and a load context that is not collectible cannot go away with the module anyway.
                _desktopResolver?.Unregister();
                _desktopResolver = null;
            }
        }

        /// <summary>The import, for the PowerShell described: refuses PowerShell 7.0-7.3 before anything loads, then registers the engine's resolution.</summary>
        internal static void Import(bool isWindowsPowerShell, Version powerShellVersion)
        {
            var unsupported = PowerShellSupport.UnsupportedReason(isWindowsPowerShell, powerShellVersion);
            if (unsupported is not null)
            {
                throw new UnsupportedPowerShellException(unsupported, powerShellVersion);
            }

            RegisterEngineResolution(isWindowsPowerShell);
        }

        private static void RegisterEngineResolution(bool isWindowsPowerShell)
        {
            lock (Gate)
            {
                if (isWindowsPowerShell)
                {
                    if (_desktopResolver is null)
                    {
                        _desktopResolver = new DesktopAssemblyResolver(ModuleDirectory, DependencyDirectory);
                        _desktopResolver.Register();
                    }

                    return;
                }

                if (!_coreLoaderRegistered)
                {
                    // The loader is a net8.0 assembly (AssemblyLoadContext is not in netstandard2.0);
                    // one reflection call at import is the whole cost.
                    var loader = Assembly.LoadFrom(Path.Combine(ModuleDirectory, "CodeSigningCerts.Loader.dll"));
                    var register = loader.GetType("CodeSigningCerts.Loader.EngineLoader", throwOnError: true)!.GetMethod("Register")!;
                    register.Invoke(null, new object[] { DependencyDirectory });
                    _coreLoaderRegistered = true;
                }
            }
        }

        private static bool IsWindowsPowerShell() =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);
    }
}
