using System.Threading.Tasks;

namespace CodeSigningCerts.Certificates
{
    /// <summary>The user's answer to "may I?" (ShouldProcess): yes, no, or -WhatIf, which answers no after saying what would happen.</summary>
    internal enum Consent
    {
        Yes,
        No,
        WhatIf,
    }

    /// <summary>
    /// What the uploader says to and asks of the user, and nothing else of PowerShell: the cmdlet carries these out on the
    /// pipeline thread, a unit test answers them itself. Calls may come from any thread.
    /// </summary>
    internal interface IUploadConversation
    {
        /// <summary>ShouldProcess(<paramref name="target"/>, <paramref name="action"/>), answered on the pipeline thread.</summary>
        Task<Consent> ShouldProcessAsync(string target, string action);

        /// <summary>A line of -Verbose.</summary>
        void Verbose(string message);

        /// <summary>A warning: shown interactively, never an error (a runbook's re-run stays green).</summary>
        void Warning(string message);
    }
}
