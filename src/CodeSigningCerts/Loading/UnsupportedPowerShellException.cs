using System;
using System.Management.Automation;

namespace CodeSigningCerts.Loading
{
    /// <summary>Thrown at import on PowerShell 7.0-7.3: Import-Module shows it as one error with the module's id and advice.</summary>
    internal sealed class UnsupportedPowerShellException : Exception, IContainsErrorRecord
    {
        private readonly Version _powerShellVersion;

        public UnsupportedPowerShellException(string message, Version powerShellVersion)
            : base(message)
        {
            _powerShellVersion = powerShellVersion;
        }

        public ErrorRecord ErrorRecord =>
            ErrorTable.Create(ErrorIds.PowerShellVersionUnsupported, this, _powerShellVersion.ToString(2));
    }
}
