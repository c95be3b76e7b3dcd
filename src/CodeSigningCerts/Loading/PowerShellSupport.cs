using System;

namespace CodeSigningCerts.Loading
{
    /// <summary>
    /// Which PowerShell the module runs in. The manifest's PowerShellVersion = '5.1' cannot keep PowerShell 7.0-7.3 out
    /// (a manifest has no "5.1, or 7.4 and later"), and on those the net8.0 loader would fail with a raw loader
    /// exception: so the import checks first and says what is needed.
    /// </summary>
    internal static class PowerShellSupport
    {
        /// <summary>The oldest PowerShell 7 the module supports: the first on .NET 8, which CodeSigningCerts.Loader targets.</summary>
        public static readonly Version MinimumCoreVersion = new Version(7, 4);

        /// <summary>Why this PowerShell cannot load the module, or null when it can.</summary>
        /// <param name="isWindowsPowerShell">True on .NET Framework (Windows PowerShell 5.1).</param>
        /// <param name="powerShellVersion">The version of System.Management.Automation (7.3.x.500 on PowerShell 7.3).</param>
        public static string? UnsupportedReason(bool isWindowsPowerShell, Version powerShellVersion)
        {
            if (isWindowsPowerShell || powerShellVersion.Major != 7 || powerShellVersion.Minor >= MinimumCoreVersion.Minor)
            {
                return null;
            }

            return "CodeSigningCerts needs PowerShell " + MinimumCoreVersion.ToString(2) + " or later (or Windows PowerShell 5.1); this is PowerShell "
                + powerShellVersion.ToString(2) + ", whose .NET runtime cannot load the module's engine.";
        }
    }
}
