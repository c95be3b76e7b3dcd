namespace CodeSigningCerts.Infrastructure
{
    /// <summary>
    /// What to do about an input error, by its id (docs/error-ids.md, "What to do"): one text per id, however many
    /// places write that id.
    /// </summary>
    internal static class InputAdvice
    {
        public static string For(string errorId) => errorId switch
        {
            ErrorIds.CertificateInputNull => "Check the command that produced the certificate; pass X509Certificate2 objects, or files with -Path.",
            ErrorIds.CertificateFileNotFound => "Check the path and the current location (Get-Location); use -LiteralPath for names containing [ or ].",
            ErrorIds.CertificatePathIsDirectory => "Give the certificate files, for example .\\certs\\*.cer, or pipe Get-ChildItem -File.",
            ErrorIds.CertificatePathNotFileSystem => "For the certificate store, pipe the certificates instead: Get-ChildItem Cert:\\CurrentUser\\My -CodeSigningCert | New-EnterpriseCodeSigningCertificate.",
            ErrorIds.CertificateFileUnreadable => "Check that the file can be read (permissions, locks), or export the certificate again as DER or Base-64 .cer, .p7b or .pfx; a private key file alone is not a certificate.",
            ErrorIds.CertificatePasswordRequired => "Give the password as a SecureString, -Password (Read-Host -AsSecureString), or export the public .cer instead.",
            ErrorIds.CertificatePasswordIncorrect => "Check the password; open the PFX with certutil -dump or Get-PfxData to rule out damage.",
            ErrorIds.NothingToUpdate => "Give -Certificate, -Status or both.",
            ErrorIds.CertificateIdMissing => "Pipe the entries from Get-EnterpriseCodeSigningCertificate, or use -Id.",
            ErrorIds.CertificateMalformed => "Export the certificate again from where it was issued, or take it from a backup; a damaged certificate cannot be uploaded, even with -Force.",
            ErrorIds.CertificateFileNotRegular => "Give a certificate file; to read from a pipe or a device, save its content to a file first.",
            ErrorIds.CertificateFileTooLarge => "Give the certificate file itself: a certificate file is a few kilobytes; split a large bundle into smaller files.",
            _ => string.Empty,
        };
    }
}
