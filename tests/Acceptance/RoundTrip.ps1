<#
    Run in a fresh pwsh by the acceptance tests: imports CodeSigningCerts BY NAME (wherever the test's
    PSModulePath says it was installed), connects to the emulator named by CSC_GRAPH / CSC_TOKEN and takes the
    module through a round trip: New from the pipeline and from a file, Get, Set, Remove. Writes one JSON
    object describing what happened; any error ends the script with a non-zero exit code.
#>
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'Acceptance.psm1')
Import-Module CodeSigningCerts
$module = Get-Module CodeSigningCerts

Connect-EnterpriseCodeSigning -GraphEndpoint $env:CSC_GRAPH -AccessToken (ConvertTo-SecureString $env:CSC_TOKEN -AsPlainText -Force) | Out-Null
$piped = New-TestCertificate 'Round Trip Piped' | New-EnterpriseCodeSigningCertificate
$file = Join-Path ([IO.Path]::GetTempPath()) "roundtrip-$([guid]::NewGuid().ToString('N')).cer"
try {
    [IO.File]::WriteAllBytes($file, (New-TestCertificate 'Round Trip File').RawData)
    $fromFile = New-EnterpriseCodeSigningCertificate -Path $file
}
finally { Remove-Item $file -ErrorAction SilentlyContinue }

Wait-ListingLag
$listed = @(Get-EnterpriseCodeSigningCertificate)
$byId = Get-EnterpriseCodeSigningCertificate -Id $piped.Id
$changed = Set-EnterpriseCodeSigningCertificate -Id $piped.Id -Status Provisioned
$piped, $fromFile | Remove-EnterpriseCodeSigningCertificate -Confirm:$false
$left = @(Get-EnterpriseCodeSigningCertificate)

[ordered]@{
    ModuleBase = $module.ModuleBase
    Version = $module.Version.ToString()
    Created = @($piped.SubjectName, $fromFile.SubjectName)
    Listed = $listed.Count
    ById = $byId.SubjectName
    Status = $changed.Status.ToString()
    LeftAfterRemove = $left.Count
    MsalInSession = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Identity.Client' } |
        ForEach-Object { $_.GetName().Version.ToString() })
} | ConvertTo-Json -Compress
