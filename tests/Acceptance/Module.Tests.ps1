<#
    The module as a user drives it in pwsh: imported from output/, against the Graph emulator started here as
    its own process on 127.0.0.1, exactly as someone trying the module offline would.
#>

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Acceptance.psm1') -Force
    $script:emulator = Start-GraphEmulator -LogDirectory $TestDrive
    Import-Module (Get-BuiltModuleManifest) -Force
    Connect-EnterpriseCodeSigning -GraphEndpoint $emulator.Uri -AccessToken (ConvertTo-AccessToken $emulator) | Out-Null
}

AfterAll {
    Disconnect-EnterpriseCodeSigning -ErrorAction SilentlyContinue
    Remove-Module CodeSigningCerts -ErrorAction SilentlyContinue
    Stop-GraphEmulator $script:emulator
}

Describe 'CodeSigningCerts in pwsh' {
    BeforeEach { Reset-GraphEmulator $emulator }

    It 'exports exactly its eight cmdlets' {
        (Get-Command -Module CodeSigningCerts).Name | Sort-Object | Should -Be @(
            'Connect-EnterpriseCodeSigning', 'Disconnect-EnterpriseCodeSigning', 'Get-EnterpriseCodeSigningCertificate',
            'Get-EnterpriseCodeSigningContext', 'New-EnterpriseCodeSigningCertificate', 'Remove-EnterpriseCodeSigningCertificate',
            'Set-EnterpriseCodeSigningCertificate', 'Test-EnterpriseCodeSigningPackage')
    }

    It 'uploads each piped certificate, mapped as documented, and returns typed objects' {
        $certs = (New-TestCertificate 'Pester One'), (New-TestCertificate 'Pester Two')
        $created = $certs | New-EnterpriseCodeSigningCertificate
        $created | Should -HaveCount 2
        $created[0] | Should -BeOfType ([CodeSigningCerts.EnterpriseCodeSigningCertificate])
        $created.SubjectName | Should -Be @('Pester One', 'Pester Two')
        $body = ConvertFrom-RecordedBody (Get-EmulatorRequest $emulator | Where-Object method -eq 'POST')[0].body
        $body.content | Should -Be ([Convert]::ToBase64String($certs[0].RawData))
        $body.subject | Should -Be $certs[0].Subject
        $body.expirationDateTime | Should -Be $certs[0].NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
        $body.status | Should -Be 'notProvisioned'
    }

    It 'reads certificate files bound from Get-ChildItem' {
        $a = New-TestCertificate 'Pester File'
        [IO.File]::WriteAllBytes((Join-Path $TestDrive 'a.cer'), $a.RawData)
        $created = Get-ChildItem $TestDrive -Filter *.cer | New-EnterpriseCodeSigningCertificate
        $created.SubjectName | Should -Be 'Pester File'
        (ConvertFrom-RecordedBody (Get-EmulatorRequest $emulator | Where-Object method -eq 'POST').body).content |
            Should -Be ([Convert]::ToBase64String($a.RawData))
    }

    It 'refuses an expired certificate with a stable error id and goes on' {
        $good = New-TestCertificate 'Pester Good'
        $expired = New-TestCertificate 'Pester Expired' -NotBefore -30 -Days -2
        $created = $good, $expired | New-EnterpriseCodeSigningCertificate -ErrorVariable problems -ErrorAction SilentlyContinue
        $created.SubjectName | Should -Be 'Pester Good'
        $problems.FullyQualifiedErrorId | Should -BeLike 'CertificateExpired,*'
        $problems[0].TargetObject.Thumbprint | Should -Be $expired.Thumbprint
    }

    It 'changes the status by id and by piped object' {
        $created = New-TestCertificate 'Pester Status' | New-EnterpriseCodeSigningCertificate
        (Set-EnterpriseCodeSigningCertificate -Id $created.Id -Status Provisioned).Status | Should -Be 'Provisioned'
        ($created | Set-EnterpriseCodeSigningCertificate -Status NotProvisioned).Status | Should -Be 'NotProvisioned'
    }

    It 'sends nothing with -WhatIf and removes with -Confirm:$false' {
        $created = New-TestCertificate 'Pester Remove' | New-EnterpriseCodeSigningCertificate
        $created | Remove-EnterpriseCodeSigningCertificate -WhatIf
        @(Get-EmulatorRequest $emulator | Where-Object method -eq 'DELETE').Count | Should -Be 0
        Get-EnterpriseCodeSigningCertificate -Id $created.Id | Should -Not -BeNullOrEmpty
        $created | Remove-EnterpriseCodeSigningCertificate -Confirm:$false
        Get-EnterpriseCodeSigningCertificate | Should -BeNullOrEmpty
    }

    It 'never shows the token in the context' {
        (Get-EnterpriseCodeSigningContext | Out-String) | Should -Not -Match $emulator.Token
    }
}
