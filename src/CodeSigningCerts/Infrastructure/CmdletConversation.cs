using System.Threading.Tasks;
using CodeSigningCerts.Certificates;

namespace CodeSigningCerts.Infrastructure
{
    /// <summary>The uploader's questions and words carried out by a cmdlet on its pipeline thread, while it awaits the upload.</summary>
    internal sealed class CmdletConversation : IUploadConversation
    {
        private readonly GraphCmdlet _cmdlet;

        public CmdletConversation(GraphCmdlet cmdlet) => _cmdlet = cmdlet;

        public Task<Consent> ShouldProcessAsync(string target, string action) =>
            _cmdlet.Ask(() => _cmdlet.ShouldProcess(target, action, out var whatIf) ? Consent.Yes : whatIf ? Consent.WhatIf : Consent.No);

        public void Verbose(string message) => _cmdlet.Post(() => _cmdlet.WriteVerbose(message));

        public void Warning(string message) => _cmdlet.Post(() => _cmdlet.WriteWarning(message));
    }
}
