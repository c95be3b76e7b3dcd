using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace CodeSigningCerts.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1 has one AppDomain for every module, so the module's AssemblyResolve handler sees every
    /// failed bind in the session. This decides which of those it answers, and it answers only for what the module
    /// ships, never for another module's assemblies:
    /// <list type="bullet">
    /// <item>a request made by one of the module's own assemblies (the requester's file is under the module folder)
    /// for a name the module ships: the shipped copy, whatever version was asked (the module's own closure,
    /// checked against the .NET Framework 4.7.2 reference assemblies by DesktopClosureTests);</item>
    /// <item>a request from anyone else, or with no requester, for a name the module ships at an acceptable version:
    /// same public key token, same major version and not higher than the shipped one; or one of the
    /// <see cref="CrossMajorExceptions"/>.</item>
    /// </list>
    /// Everything else is left to whoever else resolves it (another module's handler) or fails as it would without
    /// this module. Az.Accounts (Azure/azure-powershell, src/Accounts/Accounts/Utilities/CustomAssemblyResolver.cs) and
    /// Microsoft.Graph.Authentication answer the same way on 5.1: known names, same major version, not newer than
    /// their copy. A pure function, so tests call it on any runtime.
    /// </summary>
    internal static class DesktopResolutionPolicy
    {
        /// <summary>
        /// Reviewed requests answered across a major version with no requester from this module (an Assembly.Load by
        /// name inside a library, where the runtime gives no requesting assembly). Each is a lower major version that
        /// the module's own libraries reference and that the shipped, newer major replaces compatibly.
        /// </summary>
        internal static readonly IReadOnlyDictionary<string, int> CrossMajorExceptions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            // Polly.Core and System.Text.Json reference 6.0.0.0; the shipped 8.0.0.0 keeps every 6.0 type
            // (IAsyncEnumerable, IAsyncDisposable, ValueTask helpers) with the same identity and signatures.
            ["Microsoft.Bcl.AsyncInterfaces"] = 6,
            // Polly.Core and System.Threading.Tasks.Extensions reference 4.0.4.1 (package 4.5.x); the shipped 6.0.0.0 is
            // the same Unsafe class with more members: the package's major version followed .NET's, not a breaking change.
            ["System.Runtime.CompilerServices.Unsafe"] = 4,
        };

        /// <summary>The shipped assembly to answer <paramref name="requested"/> with, or null to leave it alone.</summary>
        /// <param name="requested">The name the runtime failed to bind (ResolveEventArgs.Name).</param>
        /// <param name="requestingAssemblyPath">The requester's file (ResolveEventArgs.RequestingAssembly.Location), or null when the runtime gives none.</param>
        /// <param name="moduleDirectory">The folder the module was imported from.</param>
        /// <param name="shipped">What the module ships for 5.1, by name.</param>
        public static ShippedAssembly? Decide(AssemblyName requested, string? requestingAssemblyPath, string moduleDirectory, IReadOnlyDictionary<string, ShippedAssembly> shipped)
        {
            if (requested.Name is null || !shipped.TryGetValue(requested.Name, out var candidate))
            {
                return null;
            }

            var token = requested.GetPublicKeyToken();
            if (token is { Length: > 0 } && !token.SequenceEqual(candidate.PublicKeyToken))
            {
                return null; // Same name, someone else's assembly.
            }

            if (IsInside(requestingAssemblyPath, moduleDirectory))
            {
                return candidate;
            }

            return IsAcceptableVersion(requested.Name, requested.Version, candidate.Version) ? candidate : null;
        }

        /// <summary>Same major and not higher than what ships, or a reviewed cross-major exception.</summary>
        internal static bool IsAcceptableVersion(string name, Version? requested, Version shipped)
        {
            if (requested is null)
            {
                return false; // A partial name from someone else: not ours to guess.
            }

            if (requested > shipped)
            {
                return false;
            }

            return requested.Major == shipped.Major
                || (CrossMajorExceptions.TryGetValue(name, out var exceptedMajor) && requested.Major == exceptedMajor);
        }

        private static bool IsInside(string? path, string directory)
        {
            if (string.IsNullOrEmpty(path))
            {
                return false;
            }

            var folder = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return Path.GetFullPath(path).StartsWith(folder, StringComparison.OrdinalIgnoreCase);
        }
    }
}
