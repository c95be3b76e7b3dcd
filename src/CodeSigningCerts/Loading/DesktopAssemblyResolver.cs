using System;
using System.Collections.Generic;
using System.IO;
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
        private readonly string _dependencyDirectory;
        private readonly Lazy<IReadOnlyDictionary<string, ShippedAssembly>> _shipped;

        public DesktopAssemblyResolver(string moduleDirectory, string dependencyDirectory)
        {
            _moduleDirectory = moduleDirectory;
            _dependencyDirectory = dependencyDirectory;
            _shipped = new Lazy<IReadOnlyDictionary<string, ShippedAssembly>>(ReadShipped);
        }

        public void Register() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        public void Unregister() => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var choice = DesktopResolutionPolicy.Decide(new AssemblyName(args.Name), RequesterPath(args.RequestingAssembly), _moduleDirectory, _shipped.Value);
            return choice is null ? null : Assembly.LoadFrom(choice.Path);
        }

        private static string? RequesterPath(Assembly? requester) =>
            requester is null || requester.IsDynamic ? null : requester.Location;

        /// <summary>Dependencies/Desktop/ first, so its .NET Framework builds win over a netstandard2.0 copy of the same name.</summary>
        private IReadOnlyDictionary<string, ShippedAssembly> ReadShipped()
        {
            var shipped = new Dictionary<string, ShippedAssembly>(StringComparer.OrdinalIgnoreCase);
            foreach (var folder in new[] { Path.Combine(_dependencyDirectory, "Desktop"), _dependencyDirectory })
            {
                if (!Directory.Exists(folder))
                {
                    continue;
                }

                foreach (var file in Directory.GetFiles(folder, "*.dll"))
                {
                    var name = AssemblyName.GetAssemblyName(file); // Reads the file's identity without loading it.
                    if (name.Name is not null && name.Version is not null && !shipped.ContainsKey(name.Name))
                    {
                        shipped.Add(name.Name, new ShippedAssembly(name.Name, name.Version, name.GetPublicKeyToken(), file));
                    }
                }
            }

            return shipped;
        }
    }
}
