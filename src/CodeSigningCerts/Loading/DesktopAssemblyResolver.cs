using System;
using System.Collections.Generic;
using System.Reflection;

namespace CodeSigningCerts.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1's half of the engine's loading (PowerShell 7 uses CodeSigningCerts.Loader's load context).
    /// An AssemblyResolve handler that answers per <see cref="DesktopResolutionPolicy"/> from Dependencies/Desktop/
    /// (the .NET Framework builds of the System.* helpers) and then Dependencies/ (the engine, MSAL, Newtonsoft.Json,
    /// Polly.Core). Added at import, removed at Remove-Module. .NET Framework has no load contexts: an assembly loaded
    /// here is the AppDomain's, and one another module loaded first under the same identity is the one used.
    /// </summary>
    internal sealed class DesktopAssemblyResolver
    {
        private readonly string _moduleDirectory;
        private readonly Lazy<IReadOnlyDictionary<string, ShippedAssembly>> _shipped;

        public DesktopAssemblyResolver(string moduleDirectory, string dependencyDirectory)
        {
            _moduleDirectory = moduleDirectory;
            _shipped = new Lazy<IReadOnlyDictionary<string, ShippedAssembly>>(() => ShippedCatalog.Read(dependencyDirectory));
        }

        public void Register() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        public void Unregister() => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            AssemblyName requested;
            try
            {
                requested = new AssemblyName(args.Name);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is System.IO.FileLoadException)
            {
                return null; // Not a name this module could ship; someone else's bind fails as it would without us.
            }

            var choice = DesktopResolutionPolicy.Decide(requested, RequesterPath(args.RequestingAssembly), _moduleDirectory, _shipped.Value);
            return choice is null ? null : Assembly.LoadFrom(choice.Path);
        }

        private static string? RequesterPath(Assembly? requester) =>
            requester is null || requester.IsDynamic ? null : requester.Location;
    }
}
