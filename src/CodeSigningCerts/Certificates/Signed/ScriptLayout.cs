namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>A signed PowerShell file's signature and the byte offset where the text it signs ends (-1: not found).</summary>
    internal sealed class ScriptLayout
    {
        public ScriptLayout(byte[] signature, long signedTextEnd)
        {
            Signature = signature;
            SignedTextEnd = signedTextEnd;
        }

        public byte[] Signature { get; }

        public long SignedTextEnd { get; }
    }
}
