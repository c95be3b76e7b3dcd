namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>A reason devices that get the tenant's enterprise code-signing certificate would not trust a package.</summary>
    public enum PackageTrustProblem
    {
        /// <summary>The package's signer is not uploaded to Intune.</summary>
        SignerNotUploaded,

        /// <summary>The signer is uploaded, but another certificate was uploaded after it: that one is what Intune pushes.</summary>
        SignerNotLatestUploaded,

        /// <summary>The signer's certificate has expired at the time that counts: the time-stamp's, or now when there is none.</summary>
        SignerExpired,

        /// <summary>The signer's certificate is not valid yet.</summary>
        SignerNotYetValid,

        /// <summary>The signer's certificate has an Enhanced Key Usage extension without Code Signing.</summary>
        SignerNotForCodeSigning,

        /// <summary>The manifest's Publisher does not match the signer's subject.</summary>
        PublisherMismatch,

        /// <summary>The signature does not verify: its value does not match its signed attributes, or the digest of what it signs does not.</summary>
        SignatureNotValid,

        /// <summary>The signature holds, but the file is not what was signed: a byte of it changed after signing.</summary>
        ChangedAfterSigning,
    }
}
