namespace CodeSigningCerts
{
    /// <summary>
    /// Every error id the module writes. They are part of the public contract (scripts match on them),
    /// so they never change once released. docs/error-ids.md explains each.
    /// </summary>
    internal static class ErrorIds
    {
        // Certificate input
        public const string CertificateInputNull = nameof(CertificateInputNull);
        public const string CertificateFileNotFound = nameof(CertificateFileNotFound);
        public const string CertificatePathIsDirectory = nameof(CertificatePathIsDirectory);
        public const string CertificatePathNotFileSystem = nameof(CertificatePathNotFileSystem);
        public const string CertificateFileUnreadable = nameof(CertificateFileUnreadable);
        public const string CertificatePasswordRequired = nameof(CertificatePasswordRequired);
        public const string CertificatePasswordIncorrect = nameof(CertificatePasswordIncorrect);

        // Checks before upload (each overridable with -Force)
        public const string CertificateExpired = nameof(CertificateExpired);
        public const string CertificateNotForCodeSigning = nameof(CertificateNotForCodeSigning);
        public const string CertificateIsAuthority = nameof(CertificateIsAuthority);

        // Cmdlet use
        public const string NothingToUpdate = nameof(NothingToUpdate);
        public const string CertificateIdMissing = nameof(CertificateIdMissing);
        public const string NotConnected = nameof(NotConnected);
        public const string GraphEndpointInsecure = nameof(GraphEndpointInsecure);
        public const string AccessTokenMalformed = nameof(AccessTokenMalformed);

        // Sign-in
        public const string SignInFailed = nameof(SignInFailed);
        public const string AuthorityHostInsecure = nameof(AuthorityHostInsecure);
        public const string SignInCertificateNotFound = nameof(SignInCertificateNotFound);
        public const string SignInCertificateHasNoPrivateKey = nameof(SignInCertificateHasNoPrivateKey);
        public const string SignInUnreachable = nameof(SignInUnreachable);

        // Graph answers
        public const string CertificateNotFound = nameof(CertificateNotFound);
        public const string GraphAuthenticationFailed = nameof(GraphAuthenticationFailed);
        public const string GraphPermissionDenied = nameof(GraphPermissionDenied);
        public const string GraphBadRequest = nameof(GraphBadRequest);
        public const string GraphConflict = nameof(GraphConflict);
        public const string GraphThrottled = nameof(GraphThrottled);
        public const string GraphServiceError = nameof(GraphServiceError);
        public const string GraphRequestFailed = nameof(GraphRequestFailed);
        public const string GraphUnreachable = nameof(GraphUnreachable);
        public const string GraphTimeout = nameof(GraphTimeout);
        public const string GraphResponseMalformed = nameof(GraphResponseMalformed);
        public const string GraphForeignLinkRefused = nameof(GraphForeignLinkRefused);
        public const string CertificateUploadOutcomeUnknown = nameof(CertificateUploadOutcomeUnknown);

        // Import (Import-Module)
        public const string PowerShellVersionUnsupported = nameof(PowerShellVersionUnsupported);

        // Hostile or damaged input, proxies
        public const string CertificateMalformed = nameof(CertificateMalformed);
        public const string CertificateFileNotRegular = nameof(CertificateFileNotRegular);
        public const string CertificateFileTooLarge = nameof(CertificateFileTooLarge);
        public const string ProxySettingsInvalid = nameof(ProxySettingsInvalid);
        public const string GraphProxyAuthenticationRequired = nameof(GraphProxyAuthenticationRequired);

        // Signed files and app packages (certificates read from what they signed; Test-EnterpriseCodeSigningPackage)
        public const string SignedFileNotSigned = nameof(SignedFileNotSigned);
        public const string SignedFileSignatureDamaged = nameof(SignedFileSignatureDamaged);
        public const string PackageNotSigned = nameof(PackageNotSigned);
        public const string PackageDamaged = nameof(PackageDamaged);
        public const string FileNotPackage = nameof(FileNotPackage);

        // Signed files that do not verify (issue 24)
        public const string SignedFileNotVerified = nameof(SignedFileNotVerified);

        // Connections as values (-Connection, issue 25)
        public const string ConnectionClosed = nameof(ConnectionClosed);
    }
}
