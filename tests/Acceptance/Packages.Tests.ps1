<#
    The sideloading workflow in pwsh: sign (the samples are signed with test certificates), upload the signer from
    the package, preflight the packages, renew. The samples are built once for the file (New-SignedSamples).
#>

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Acceptance.psm1') -Force
    $script:emulator = Start-GraphEmulator -LogDirectory $TestDrive
    Import-Module (Get-BuiltModuleManifest) -Force
    $script:samples = New-SignedSamples

    # Each test starts from an empty tenant and a new connection (which forgets what it listed before).
    function Reset-Tenant {
        Reset-GraphEmulator $emulator
        Connect-EnterpriseCodeSigning -GraphEndpoint $emulator.Uri -AccessToken (ConvertTo-AccessToken $emulator) | Out-Null
    }

    function Get-UploadedContent {
        @(Get-EmulatorRequest $emulator | Where-Object method -EQ 'POST' | ForEach-Object { (ConvertFrom-RecordedBody $_.body).content })
    }
}

AfterAll {
    Disconnect-EnterpriseCodeSigning -ErrorAction SilentlyContinue
    Remove-Module CodeSigningCerts -ErrorAction SilentlyContinue
    Stop-GraphEmulator $script:emulator
    if ($script:samples) { $script:samples.Dispose() }
}

Describe 'Uploading the signer of a signed file' {
    BeforeEach { Reset-Tenant }

    It 'Get-ChildItem of packages, a bundle, a PE file, scripts and a catalog uploads each one''s signer, not its time-stamp authority' {
        $files = $samples.Package, $samples.Bundle, $samples.Appx, $samples.Executable, $samples.Script, $samples.UnicodeModule, $samples.ModuleManifest, $samples.FormatFile, $samples.Catalog

        $created = Get-ChildItem -LiteralPath $files | New-EnterpriseCodeSigningCertificate -Force

        $created.Count | Should -Be 9
        $created.SubjectName | Sort-Object -Unique | Should -Be 'Contoso Apps'
        Get-UploadedContent | Sort-Object -Unique | Should -Be ([Convert]::ToBase64String($samples.Signer.RawData))
    }

    It 'an unsigned file, a damaged signature and a package without a signature each get their own error id' {
        $files = $samples.UnsignedExecutable, $samples.UnsignedScript, $samples.DamagedScript, $samples.UnsignedPackage, $samples.Package

        $created = Get-ChildItem -LiteralPath $files | New-EnterpriseCodeSigningCertificate -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] } |
            Should -Be @('SignedFileNotSigned', 'SignedFileNotSigned', 'SignedFileSignatureDamaged', 'PackageNotSigned')
        $failed.TargetObject | Should -Be $files[0..3]
        $created.SubjectName | Should -Be 'Contoso Apps'
    }

    It 'a signature object binds by its SignerCertificate, not by its Path' {
        # Get-AuthenticodeSignature is Windows-only: an object with the same two properties stands in for its result.
        $signature = [pscustomobject]@{ Path = (Join-Path $TestDrive 'nothing-here.msix'); SignerCertificate = $samples.Signer }

        $created = $signature | New-EnterpriseCodeSigningCertificate

        $created.SubjectName | Should -Be 'Contoso Apps'
        Get-UploadedContent | Should -Be ([Convert]::ToBase64String($samples.Signer.RawData))
    }

    It 'a real Authenticode-signed DLL (this pwsh''s own System.Management.Automation.dll) gives Microsoft''s code-signing certificate' {
        $dll = [psobject].Assembly.Location

        # -Force: Microsoft's signing certificates last about a year, so this one may have expired.
        $created = New-EnterpriseCodeSigningCertificate -LiteralPath $dll -Force -WarningAction SilentlyContinue

        $created.SubjectName | Should -Be 'Microsoft Corporation'
        $created.IssuerName | Should -BeLike '*Code Signing*'
        $uploaded = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new([Convert]::FromBase64String((Get-UploadedContent)))
        $usages = ($uploaded.Extensions | Where-Object { $_ -is [System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension] }).EnhancedKeyUsages.Value
        $usages | Should -Contain '1.3.6.1.5.5.7.3.3'
        $usages | Should -Not -Contain '1.3.6.1.5.5.7.3.8'
    }
}

Describe 'Preflight: Test-EnterpriseCodeSigningPackage' {
    BeforeEach { Reset-Tenant }

    It 'upload from the package, then its preflight says trusted (and -Quiet says $true)' {
        Test-EnterpriseCodeSigningPackage -Path $samples.Package -Quiet | Should -BeFalse

        New-EnterpriseCodeSigningCertificate -Path $samples.Package | Out-Null
        Wait-ListingLag
        $trust = Test-EnterpriseCodeSigningPackage -Path $samples.Package, $samples.Bundle

        $trust.IsTrusted | Should -Be @($true, $true)
        $trust.Kind | Should -Be @('Package', 'Bundle')
        $trust[0].IsLatestUploaded | Should -BeTrue
        Test-EnterpriseCodeSigningPackage -Path $samples.Package -Quiet | Should -BeTrue
    }

    It 'lists every reason a package would not be trusted' {
        New-EnterpriseCodeSigningCertificate -Path $samples.Package | Out-Null
        Wait-ListingLag

        $trust = Get-ChildItem -LiteralPath $samples.MismatchedPackage, $samples.OtherSignerPackage, $samples.ExpiredPackage | Test-EnterpriseCodeSigningPackage

        $trust[0].Problems | Should -Be @('PublisherMismatch')
        $trust[1].Problems | Should -Be @('SignerNotUploaded')
        $trust[2].Problems | Should -Be @('SignerNotUploaded', 'SignerExpired', 'PublisherMismatch')
        $trust[2].Reasons.Count | Should -Be 3
    }

    It 'shows a table of name, verdict, signer and problems' {
        $text = Test-EnterpriseCodeSigningPackage -Path $samples.OtherSignerPackage | Format-Table | Out-String -Width 200

        $text | Should -Match 'Name\s+IsTrusted\s+SignerThumbprint\s+Problems'
        $text | Should -Match ('Contoso\.OtherSigner\.msix\s+False\s+' + $samples.OtherSigner.Thumbprint + '\s+SignerNotUploaded')
    }

    It 'renewal: a package signed with the renewed certificate is trusted once it is uploaded, and the old one no longer' {
        New-EnterpriseCodeSigningCertificate -Path $samples.Package | Out-Null
        Wait-ListingLag
        $renewed = [CodeSigningCerts.Tests.Support.TestCertificates]::Create('Contoso Apps', [datetimeoffset]::UtcNow.AddDays(-1), [datetimeoffset]::UtcNow.AddDays(730), '1.3.6.1.5.5.7.3.3', $false)
        $manifest = '<Package><Identity Name="Contoso.App" Version="2.0.0.0" Publisher="CN=Contoso Apps, O=Contoso Ltd, C=US" /></Package>'
        $package = Join-Path $TestDrive 'Contoso.App_2.0.msix'
        [IO.File]::WriteAllBytes($package, $samples.SignedPackage($manifest, $renewed, $false, $null, $false, $false))

        Test-EnterpriseCodeSigningPackage -Path $package | ForEach-Object Problems | Should -Be @('SignerNotUploaded')
        New-EnterpriseCodeSigningCertificate -Path $package -RemoveSuperseded -Confirm:$false | Out-Null
        Wait-ListingLag

        Test-EnterpriseCodeSigningPackage -Path $package -Quiet | Should -BeTrue
        (Test-EnterpriseCodeSigningPackage -Path $samples.Package).Problems | Should -Be @('SignerNotUploaded')
    }
}
