namespace CodeSigningCerts.Certificates.Signed
{
    /// <summary>What kind of signed file a signer was read from.</summary>
    public enum SignedFileKind
    {
        /// <summary>An MSIX or APPX package.</summary>
        Package,

        /// <summary>An MSIX or APPX bundle.</summary>
        Bundle,

        /// <summary>An Authenticode-signed PE file (.exe, .dll, .sys).</summary>
        PortableExecutable,

        /// <summary>A PowerShell file with a signature block (.ps1, .psm1, .psd1, .ps1xml).</summary>
        Script,

        /// <summary>A security catalog (.cat).</summary>
        Catalog,

        /// <summary>A package's AppxSignature.p7x on its own.</summary>
        PackageSignature,
    }
}
