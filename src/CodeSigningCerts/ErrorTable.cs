using System;
using System.Collections.Generic;
using System.Management.Automation;
using CodeSigningCerts.Loading;

namespace CodeSigningCerts
{
    /// <summary>
    /// Every error id the module writes, with its category and what to do about it: the one place an ErrorRecord is
    /// made (<see cref="Create(string, Exception, object?, string?, AdviceCase, ErrorCategory?)"/>), the one place
    /// advice is written (a case that needs other words is an <see cref="AdviceCase"/> of its entry), and the table
    /// docs/error-ids.md is checked against. Callers choose the id and write the message, which says what happened to
    /// this input; the table says what to do. The ids themselves are <see cref="ErrorIds"/>: a contract scripts match
    /// on, never changed once released.
    /// </summary>
    internal static class ErrorTable
    {
        private const string ForceAdvice = " Use -Force to upload it anyway.";
        private const string WritePermission = "DeviceManagementApps.ReadWrite.All";

        // Put before a Graph id's own advice when the answer to a change or removal was lost (AdviceCase.AnswerLost).
        private const string AnswerLostAdvice = "The request may have reached Graph before its answer was lost: check with Get-EnterpriseCodeSigningCertificate before you repeat it. ";

        /// <summary>Each id's category (the first of its categories when it has more) and advice.</summary>
        public static IReadOnlyDictionary<string, ErrorEntry> Entries { get; } = Build(
            // Certificate input
            new ErrorEntry(ErrorIds.CertificateInputNull, "Check the command that produced the certificate; pass X509Certificate2 objects, or files with -Path.", ErrorCategory.InvalidArgument)
                .When(AdviceCase.SetCertificateNull, "Check the command that produced the certificate; pass an X509Certificate2, or leave -Certificate out to change only -Status."),
            new ErrorEntry(ErrorIds.CertificateFileNotFound, "Check the path and the current location (Get-Location); use -LiteralPath for names containing [ or ].", ErrorCategory.ObjectNotFound),
            new ErrorEntry(ErrorIds.CertificatePathIsDirectory, "Give the certificate files, for example .\\certs\\*.cer, or pipe Get-ChildItem -File.", ErrorCategory.InvalidArgument),
            new ErrorEntry(ErrorIds.CertificatePathNotFileSystem, "For the certificate store, pipe the certificates instead: Get-ChildItem Cert:\\CurrentUser\\My -CodeSigningCert | New-EnterpriseCodeSigningCertificate.", ErrorCategory.InvalidArgument),
            new ErrorEntry(ErrorIds.CertificateFileUnreadable, "Check that the file can be read (permissions, locks), or export the certificate again as DER or Base-64 .cer, .p7b or .pfx; a private key file alone is not a certificate.", ErrorCategory.ReadError, ErrorCategory.InvalidData),
            new ErrorEntry(ErrorIds.CertificatePasswordRequired, "Give the password as a SecureString, -Password (Read-Host -AsSecureString), or export the public .cer instead.", ErrorCategory.SecurityError),
            new ErrorEntry(ErrorIds.CertificatePasswordIncorrect, "Check the password; open the PFX with certutil -dump or Get-PfxData to rule out damage.", ErrorCategory.SecurityError),
            new ErrorEntry(ErrorIds.CertificateMalformed, "Export the certificate again from where it was issued, or take it from a backup; a damaged certificate cannot be uploaded, even with -Force.", ErrorCategory.InvalidData),
            new ErrorEntry(ErrorIds.CertificateFileNotRegular, "Give a certificate file; to read from a pipe or a device, save its content to a file first.", ErrorCategory.InvalidArgument),
            new ErrorEntry(ErrorIds.CertificateFileTooLarge, "Give the certificate file itself: a certificate file is a few kilobytes; split a large bundle into smaller files.", ErrorCategory.LimitsExceeded),

            // Signed files and app packages: the certificate read from what it signed (New- -Path, Test-EnterpriseCodeSigningPackage)
            new ErrorEntry(ErrorIds.SignedFileNotSigned, "Sign the file first (SignTool sign, Set-AuthenticodeSignature), or give the certificate file itself.", ErrorCategory.ObjectNotFound),
            new ErrorEntry(ErrorIds.SignedFileSignatureDamaged, "Sign the file again (with a certificate that is not damaged, when the message names the signer certificate); check that it was copied whole (a download cut short, a text-mode transfer of a binary file).", ErrorCategory.InvalidData),
            new ErrorEntry(ErrorIds.PackageNotSigned, "Sign it (SignTool sign /fd SHA256 /f signer.pfx package.msix) before uploading its signer or deploying it.", ErrorCategory.ObjectNotFound),
            new ErrorEntry(ErrorIds.PackageDamaged, "Pack the package again with MakeAppx or your build; check that it was copied whole.", ErrorCategory.InvalidData),
            new ErrorEntry(ErrorIds.FileNotPackage, "Give the .msix, .appx, .msixbundle or .appxbundle file; to upload the signer of another signed file, use New-EnterpriseCodeSigningCertificate -Path.", ErrorCategory.InvalidArgument),

            // Checks before upload (each overridable with -Force)
            new ErrorEntry(ErrorIds.CertificateExpired, "Renew the code-signing certificate and upload the new one." + ForceAdvice, ErrorCategory.InvalidData),
            new ErrorEntry(ErrorIds.CertificateNotForCodeSigning, "Upload the certificate the packages are signed with, issued for Code Signing." + ForceAdvice, ErrorCategory.InvalidData),
            new ErrorEntry(ErrorIds.CertificateIsAuthority, "Upload the end-entity code-signing certificate, not its issuer." + ForceAdvice, ErrorCategory.InvalidData),

            // Cmdlet use
            new ErrorEntry(ErrorIds.NothingToUpdate, "Give -Certificate, -Status or both.", ErrorCategory.InvalidArgument),
            new ErrorEntry(ErrorIds.CertificateIdMissing, "Pipe the entries from Get-EnterpriseCodeSigningCertificate, or use -Id.", ErrorCategory.InvalidArgument),
            new ErrorEntry(ErrorIds.NotConnected, "Run Connect-EnterpriseCodeSigning in this runspace first, for example Connect-EnterpriseCodeSigning -AccessToken $token (or -ManagedIdentity in an Azure Automation runbook); each job, thread job and ForEach-Object -Parallel runspace connects on its own, or is given a connection with -Connection $using:connection.", ErrorCategory.AuthenticationError),
            new ErrorEntry(ErrorIds.GraphEndpointInsecure, "Use an https endpoint; plain http is only for the emulator on 127.0.0.1 or localhost.", ErrorCategory.SecurityError),
            new ErrorEntry(ErrorIds.AccessTokenMalformed, "Pass the token alone, as Get-AzAccessToken or the Azure CLI print it (its Token or accessToken property), converted to a SecureString.", ErrorCategory.InvalidArgument),

            // Sign-in
            new ErrorEntry(ErrorIds.SignInFailed, "Run Connect-EnterpriseCodeSigning again.", ErrorCategory.AuthenticationError)
                .When(AdviceCase.AppRefused, "Check the tenant, the client id and its secret or certificate, and that the app has the Microsoft Graph permission " + WritePermission + " with admin consent."),
            new ErrorEntry(ErrorIds.AuthorityHostInsecure, "Use an https authority host, or leave -AuthorityHost out to use the cloud's own.", ErrorCategory.SecurityError),
            new ErrorEntry(ErrorIds.SignInCertificateNotFound, "Check the thumbprint with Get-ChildItem Cert:\\CurrentUser\\My; import the app's certificate, with its private key, for the account that runs the command, or pass it with -Certificate.", ErrorCategory.ObjectNotFound),
            new ErrorEntry(ErrorIds.SignInCertificateHasNoPrivateKey, "Import the certificate from its PFX with the private key, give the account read access to the key, or pass the certificate object that holds the key.", ErrorCategory.InvalidArgument),
            new ErrorEntry(ErrorIds.SignInUnreachable, "Check the network path to the Entra host the message names (DNS, firewall, a TLS-inspecting device) and the proxy (HTTPS_PROXY, or the system's proxy settings). For a national cloud pass -Environment USGov, USGovDoD or China; for any other Entra host, -AuthorityHost with its https address.", ErrorCategory.ConnectionError)
                .When(AdviceCase.ManagedIdentityEndpoint, "Run this where a managed identity is enabled (Azure Automation, Functions, App Service, a VM), and check the network path to its endpoint (IDENTITY_ENDPOINT, or 169.254.169.254 on a VM): no proxy may stand in between (add the endpoint to NO_PROXY). -Environment picks the cloud the token is for; -AuthorityHost does not apply to a managed identity."),

            // Graph answers
            new ErrorEntry(ErrorIds.CertificateNotFound, "Check the id with Get-EnterpriseCodeSigningCertificate.", ErrorCategory.ObjectNotFound),
            new ErrorEntry(ErrorIds.GraphAuthenticationFailed, "The token was refused or has expired. Run Connect-EnterpriseCodeSigning again.", ErrorCategory.AuthenticationError),
            new ErrorEntry(ErrorIds.GraphPermissionDenied, "Grant the signed-in user or app the Microsoft Graph permission " + WritePermission + " (DeviceManagementApps.Read.All to read), with admin consent, then connect again.", ErrorCategory.PermissionDenied),
            new ErrorEntry(ErrorIds.GraphBadRequest, "Graph refused the request as sent; the message says which part.", ErrorCategory.InvalidArgument),
            new ErrorEntry(ErrorIds.GraphConflict, "Graph holds a conflicting resource; list the certificates and try again.", ErrorCategory.ResourceExists),
            new ErrorEntry(ErrorIds.GraphThrottled, "Graph is still throttling this app after the module waited as it asked and retried; wait a few minutes and run the command again for the inputs that failed, or connect with a higher -MaxRetryCount.", ErrorCategory.LimitsExceeded),
            new ErrorEntry(ErrorIds.GraphServiceError, "Graph failed; try again later. Quote the request-id if you contact support.", ErrorCategory.ConnectionError),
            new ErrorEntry(ErrorIds.GraphRequestFailed, "See the message from Graph.", ErrorCategory.InvalidOperation),
            new ErrorEntry(ErrorIds.GraphUnreachable, "Check the network path to Graph (proxy, DNS, firewall) and try again.", ErrorCategory.ConnectionError),
            new ErrorEntry(ErrorIds.GraphTimeout, "Graph did not answer in time; try again, check the network path, or connect with a longer -RequestTimeout.", ErrorCategory.OperationTimeout),
            new ErrorEntry(ErrorIds.GraphResponseMalformed, "Something between here and Graph answered instead of Graph (a proxy?), or Graph sent a broken body; try again.", ErrorCategory.InvalidResult),
            new ErrorEntry(ErrorIds.GraphForeignLinkRefused, "Report this: Graph returned a link to another host. Nothing was sent there.", ErrorCategory.SecurityError),
            new ErrorEntry(ErrorIds.CertificateUploadOutcomeUnknown, "Run the command again: a certificate that was uploaded is then reported as already uploaded (a warning), and a second copy made meanwhile is removed.", ErrorCategory.ConnectionError),

            // Import
            new ErrorEntry(ErrorIds.PowerShellVersionUnsupported, "Install PowerShell " + PowerShellSupport.MinimumCoreVersion.ToString(2) + " or later (https://aka.ms/powershell-release?tag=lts), or import the module in Windows PowerShell 5.1.", ErrorCategory.NotImplemented),

            // Hostile or damaged input, proxies
            new ErrorEntry(ErrorIds.ProxySettingsInvalid, "Name the proxy as an absolute address (-Proxy http://proxy.contoso.com:8080), and give its credentials with either -ProxyCredential (Get-Credential) or -ProxyUseDefaultCredentials.", ErrorCategory.InvalidArgument),
            new ErrorEntry(ErrorIds.GraphProxyAuthenticationRequired, "Connect again with the proxy's credentials: -ProxyCredential (Get-Credential), or -ProxyUseDefaultCredentials to sign in to the proxy as the account running the command; add -Proxy to name the proxy if it is not the system's.", ErrorCategory.AuthenticationError),

            // Signed files that do not verify: devices refuse them, so their signer is not uploaded from them (issue 24)
            new ErrorEntry(ErrorIds.SignedFileNotVerified, "Get the file again from where it was signed, or sign it again (SignTool sign /fd SHA256, Set-AuthenticodeSignature); a file edited after signing must be signed again." + ForceAdvice, ErrorCategory.SecurityError),

            // Connections as values: one closed by Disconnect- is refused wherever it is used (-Connection, issue 25)
            new ErrorEntry(ErrorIds.ConnectionClosed, "Connect again (Connect-EnterpriseCodeSigning) and give the connection it returns to -Connection; disconnect a connection only when no runspace uses it any more.", ErrorCategory.ConnectionError));

        /// <summary>The advice for <paramref name="errorId"/> in <paramref name="situation"/>.</summary>
        public static string AdviceFor(string errorId, AdviceCase situation = AdviceCase.Usual) =>
            situation == AdviceCase.AnswerLost ? AnswerLostAdvice + Entries[errorId].Advice : Entries[errorId].AdviceFor(situation);

        /// <summary>
        /// The ErrorRecord for <paramref name="errorId"/>: its category (or <paramref name="category"/>, one the table allows
        /// for it), its advice for <paramref name="situation"/> as ErrorDetails.RecommendedAction (which PowerShell shows
        /// with the error), and <paramref name="target"/> (the input it is about) as its target. The message is
        /// <paramref name="message"/> or the exception's.
        /// </summary>
        public static ErrorRecord Create(string errorId, Exception exception, object? target, string? message = null, AdviceCase situation = AdviceCase.Usual, ErrorCategory? category = null) =>
            Record(errorId, exception, target, message, AdviceFor(errorId, situation), category);

        /// <summary>An input error: an ArgumentException with <paramref name="message"/>.</summary>
        public static ErrorRecord Create(string errorId, string message, object? target, Exception? inner = null, AdviceCase situation = AdviceCase.Usual, ErrorCategory? category = null) =>
            Create(errorId, new ArgumentException(message, inner), target, message, situation, category);

        private static ErrorRecord Record(string errorId, Exception exception, object? target, string? message, string advice, ErrorCategory? category)
        {
            var entry = Entries[errorId];
            var chosen = category ?? entry.Categories[0];
            if (Array.IndexOf(entry.Categories, chosen) < 0)
            {
                throw new ArgumentException("The error table does not allow " + chosen + " for " + errorId + ".", nameof(category));
            }

            return new ErrorRecord(exception, errorId, chosen, target)
            {
                ErrorDetails = new ErrorDetails(message ?? exception.Message) { RecommendedAction = advice },
            };
        }

        private static Dictionary<string, ErrorEntry> Build(params ErrorEntry[] entries)
        {
            var table = new Dictionary<string, ErrorEntry>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                table.Add(entry.Id, entry);
            }

            return table;
        }
    }
}
