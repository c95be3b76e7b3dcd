# The module manifest. ModuleVersion here is the one version number: the build reads it for the
# assemblies and for the output folder output/CodeSigningCerts/<version>/.
@{
    RootModule             = 'CodeSigningCerts.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = 'f979b0e2-c2d4-459c-b7e7-ff26966a914b'
    Author                 = 'CodeSigningCerts contributors'
    CompanyName            = 'CodeSigningCerts'
    Copyright              = '(c) CodeSigningCerts contributors. MIT License.'
    Description            = 'Manage Intune Windows enterprise code-signing certificates (Microsoft Graph enterpriseCodeSigningCertificate) from X509Certificate2 objects, files or the certificate store: validated, uploaded, updated and listed as typed objects.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('CodeSigningCerts.format.ps1xml')
    CmdletsToExport        = @(
        'Connect-EnterpriseCodeSigning'
        'Disconnect-EnterpriseCodeSigning'
        'Get-EnterpriseCodeSigningContext'
        'Get-EnterpriseCodeSigningCertificate'
        'New-EnterpriseCodeSigningCertificate'
        'Set-EnterpriseCodeSigningCertificate'
        'Remove-EnterpriseCodeSigningCertificate'
        'Test-EnterpriseCodeSigningPackage'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Intune', 'MicrosoftGraph', 'CodeSigning', 'Certificate', 'X509', 'Windows', 'Sideloading', 'MSIX', 'PSEdition_Desktop', 'PSEdition_Core', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/CodeSigningCerts/CodeSigningCerts/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/CodeSigningCerts/CodeSigningCerts'
            IconUri      = 'https://raw.githubusercontent.com/CodeSigningCerts/CodeSigningCerts/main/docs/icon.png'
            ReleaseNotes = '0.1.0: first release. New/Set/Get/Remove-EnterpriseCodeSigningCertificate from X509Certificate2 objects and DER, PEM, PKCS#7 and PFX files, with checks (expired, not for code signing, CA) and -Force; -ExpiringWithin/-Expired; -RemoveSuperseded for renewals. Connect-EnterpriseCodeSigning: browser, device code, client secret or certificate, managed identity, or an access token, in every national cloud. PowerShell 7.4+: MSAL and the engine isolated from other modules in their own load context. Windows PowerShell 5.1: no load contexts there, so the module answers only its own assembly requests and its own names at acceptable versions (removed with the module), adds TLS 1.2 for the session, signs people in with the system browser or a device code (no embedded web view, no WAM); unblock a downloaded zip with Unblock-File before extracting it. PowerShell 7.0-7.3 are refused at import. Retries that honour Retry-After, write pacing, no duplicate uploads. Signer certificates read from signed files on every platform (MSIX/APPX packages and bundles, Authenticode PE files, catalogs, signed PowerShell files; never the time-stamp authority), Get-AuthenticodeSignature output accepted, and Test-EnterpriseCodeSigningPackage, a preflight listing every reason devices would not trust a package.'
        }
    }
}
