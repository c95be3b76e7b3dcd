using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace CodeSigningCerts.Loading
{
    /// <summary>What the module ships for Windows PowerShell 5.1, read from its Dependencies folder.</summary>
    internal static class ShippedCatalog
    {
        /// <summary>
        /// Dependencies/Desktop/ first, so its .NET Framework builds win over a netstandard2.0 copy of the same name in
        /// Dependencies/ (the helpers PowerShell 7 also loads). Each file's identity is read without loading it.
        /// </summary>
        public static IReadOnlyDictionary<string, ShippedAssembly> Read(string dependencyDirectory)
        {
            var shipped = new Dictionary<string, ShippedAssembly>(StringComparer.OrdinalIgnoreCase);
            foreach (var folder in new[] { Path.Combine(dependencyDirectory, "Desktop"), dependencyDirectory })
            {
                if (!Directory.Exists(folder))
                {
                    continue;
                }

                foreach (var file in Directory.GetFiles(folder, "*.dll"))
                {
                    var name = AssemblyName.GetAssemblyName(file);
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
