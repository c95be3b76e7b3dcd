namespace Playground;

/// <summary>
/// The demo: the README's three tasks against the emulator. Upload certificates (and run the upload again, which
/// sends nothing); roll over to a renewal with -RemoveSuperseded; check a signed package before deploying it, upload
/// its signer, check again.
/// </summary>
internal static class DemoScript
{
    /// <summary>
    /// Each step is echoed, then run; $certDir holds the demo's certificate files, $package its signed package. The
    /// hosted engine has only PowerShell's core commands (no Join-Path, Sort-Object, Format-Table): paths are
    /// combined with [IO.Path] and results shown in their default views.
    /// </summary>
    public static readonly string[] Steps =
    {
        "Get-EnterpriseCodeSigningContext",

        "# 1. Upload: from a certificate object, a PEM bundle, a PFX\n" +
        "$signer = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new(([IO.Path]::Combine($certDir, 'contoso-signing.cer')))\n" +
        "$signer | New-EnterpriseCodeSigningCertificate",
        "New-EnterpriseCodeSigningCertificate -Path ([IO.Path]::Combine($certDir, '*.pem'))",
        "New-EnterpriseCodeSigningCertificate -Path ([IO.Path]::Combine($certDir, 'signer.pfx')) -Password $pfxPassword -Status Provisioned",
        "# Run the same upload again: the certificate is in Intune already, and is not uploaded twice (a warning, not an error).\n" +
        "# Graph's listing shows a new entry about a second after its upload, as the emulator's does; a re-run comes later than that.\n" +
        "[System.Threading.Thread]::Sleep(1100)\n" +
        "$signer | New-EnterpriseCodeSigningCertificate",
        "# Checked before sending: an expired certificate is refused with its error id (-Force would upload it)\n" +
        "New-EnterpriseCodeSigningCertificate -Path ([IO.Path]::Combine($certDir, 'expired.cer'))",

        "# 2. Roll over: upload the renewal and remove the entry it replaces (same subject, expiring earlier)\n" +
        "New-EnterpriseCodeSigningCertificate -Path ([IO.Path]::Combine($certDir, 'contoso-signing-renewed.cer')) -RemoveSuperseded -Confirm:$false",
        "# What the tenant holds now, once the listing shows the renewal (about a second after its upload)\n" +
        "[System.Threading.Thread]::Sleep(1100)\n" +
        "Get-EnterpriseCodeSigningCertificate",

        "# 3. Check a signed package before deploying it: would devices trust it, and if not, why not?\n" +
        "Test-EnterpriseCodeSigningPackage -Path $package",
        "(Test-EnterpriseCodeSigningPackage -Path $package).Problems",
        "# Upload its signer, read from the package, and check again\n" +
        "New-EnterpriseCodeSigningCertificate -Path $package",
        "# Once the listing shows the signer (about a second after its upload), devices would trust the package\n" +
        "[System.Threading.Thread]::Sleep(1100)\n" +
        "Test-EnterpriseCodeSigningPackage -Path $package -Quiet",
    };
}
