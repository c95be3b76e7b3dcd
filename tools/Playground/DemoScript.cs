namespace Playground;

/// <summary>The demo: the module's main job, from certificates to typed results, against the emulator.</summary>
internal static class DemoScript
{
    /// <summary>Each step is echoed, then run; $certDir holds the demo's certificate files.</summary>
    public static readonly string[] Steps =
    {
        "Get-EnterpriseCodeSigningContext",
        "$signer = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([IO.Path]::Combine($certDir, 'contoso-signing.cer'))",
        "$signer | New-EnterpriseCodeSigningCertificate",
        "New-EnterpriseCodeSigningCertificate -Path ([IO.Path]::Combine($certDir, '*.pem'))",
        "New-EnterpriseCodeSigningCertificate -Path ([IO.Path]::Combine($certDir, 'signer.pfx')) -Password $pfxPassword -Status Provisioned",
        "New-EnterpriseCodeSigningCertificate -Path ([IO.Path]::Combine($certDir, 'expired.cer'))",
        "Get-EnterpriseCodeSigningCertificate",
        "Get-EnterpriseCodeSigningCertificate | Where-Object SubjectName -like 'Fabrikam*' | Set-EnterpriseCodeSigningCertificate -Status Provisioned",
        "Get-EnterpriseCodeSigningCertificate | Where-Object Status -eq 'NotProvisioned' | Remove-EnterpriseCodeSigningCertificate -Confirm:$false -Verbose",
        "Get-EnterpriseCodeSigningCertificate",
    };
}
