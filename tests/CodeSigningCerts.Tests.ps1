#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
<#
    Pester tests for machines with pwsh (./build.ps1 -Task Test runs them after the xunit suite).
    They import the built module from output/ and drive it against the Graph emulator, started here as
    its own process on 127.0.0.1, exactly as a user trying the module offline would.
#>

BeforeDiscovery {
    $script:root = Split-Path -Parent $PSScriptRoot
}

BeforeAll {
    $root = Split-Path -Parent $PSScriptRoot
    $version = (Import-PowerShellDataFile (Join-Path $root 'CodeSigningCerts.psd1')).ModuleVersion
    $manifest = Join-Path $root "output/CodeSigningCerts/$version/CodeSigningCerts.psd1"
    if (-not (Test-Path $manifest)) { throw "Build first: dotnet build src/CodeSigningCerts ($manifest is missing)." }

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $token = [guid]::NewGuid().ToString('N')
    $script:graph = "http://127.0.0.1:$port"
    $script:emulator = Start-Process dotnet -PassThru -NoNewWindow -RedirectStandardOutput (Join-Path $TestDrive 'emulator.log') -ArgumentList @(
        'run', '--project', (Join-Path $root 'tests/GraphEmulator'), '--', '--port', $port, '--token', $token)
    $deadline = (Get-Date).AddMinutes(3)
    while ($true) {
        try { Invoke-RestMethod "$script:graph/_emulator/requests" | Out-Null; break }
        catch { if ((Get-Date) -gt $deadline) { throw 'The Graph emulator did not start.' }; Start-Sleep -Milliseconds 500 }
    }

    Import-Module $manifest -Force
    Connect-EnterpriseCodeSigning -GraphEndpoint $script:graph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) | Out-Null

    function New-TestCertificate([string] $Name, [int] $Days = 365, [string] $Eku = '1.3.6.1.5.5.7.3.3') {
        $key = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new(
            "CN=$Name, O=Pester", $key, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $usages = [System.Security.Cryptography.OidCollection]::new(); $usages.Add([System.Security.Cryptography.Oid]::new($Eku)) | Out-Null
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($usages, $false))
        $request.CreateSelfSigned([datetimeoffset]::UtcNow.AddDays(-1), [datetimeoffset]::UtcNow.AddDays($Days))
    }

    function Get-EmulatorRequest {
        (Invoke-RestMethod "$script:graph/_emulator/requests") | Where-Object { $_.path -like '*enterpriseCodeSigningCertificates*' }
    }
}

AfterAll {
    Disconnect-EnterpriseCodeSigning
    Remove-Module CodeSigningCerts -ErrorAction SilentlyContinue
    if ($script:emulator -and -not $script:emulator.HasExited) { Stop-Process -Id $script:emulator.Id }
}

Describe 'CodeSigningCerts' {
    BeforeEach { Invoke-RestMethod -Method Post "$script:graph/_emulator/reset" | Out-Null }

    It 'exports exactly its seven cmdlets' {
        (Get-Command -Module CodeSigningCerts).Name | Sort-Object | Should -Be @(
            'Connect-EnterpriseCodeSigning', 'Disconnect-EnterpriseCodeSigning', 'Get-EnterpriseCodeSigningCertificate',
            'Get-EnterpriseCodeSigningContext', 'New-EnterpriseCodeSigningCertificate', 'Remove-EnterpriseCodeSigningCertificate',
            'Set-EnterpriseCodeSigningCertificate')
    }

    It 'uploads each piped certificate, mapped as documented, and returns typed objects' {
        $certs = (New-TestCertificate 'Pester One'), (New-TestCertificate 'Pester Two')
        $created = $certs | New-EnterpriseCodeSigningCertificate
        $created | Should -HaveCount 2
        $created[0] | Should -BeOfType ([CodeSigningCerts.EnterpriseCodeSigningCertificate])
        $created.SubjectName | Should -Be @('Pester One', 'Pester Two')
        $body = (Get-EmulatorRequest | Where-Object method -eq 'POST')[0].body | ConvertFrom-Json
        $body.content | Should -Be ([Convert]::ToBase64String($certs[0].RawData))
        $body.subject | Should -Be $certs[0].Subject
        $body.expirationDateTime | Should -Be $certs[0].NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
        $body.status | Should -Be 'notProvisioned'
    }

    It 'reads certificate files bound from Get-ChildItem' {
        $a = New-TestCertificate 'Pester File'
        [IO.File]::WriteAllBytes((Join-Path $TestDrive 'a.cer'), $a.RawData)
        $created = Get-ChildItem $TestDrive -Filter *.cer | New-EnterpriseCodeSigningCertificate
        $created.Thumbprint | Should -Be $a.Thumbprint
    }

    It 'refuses an expired certificate with a stable error id and goes on' {
        $good = New-TestCertificate 'Pester Good'
        $expired = New-TestCertificate 'Pester Expired' -Days -2
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
        @(Get-EmulatorRequest | Where-Object method -eq 'DELETE').Count | Should -Be 0
        Get-EnterpriseCodeSigningCertificate -Id $created.Id | Should -Not -BeNullOrEmpty
        $created | Remove-EnterpriseCodeSigningCertificate -Confirm:$false
        Get-EnterpriseCodeSigningCertificate | Should -BeNullOrEmpty
    }

    It 'never shows the token in the context' {
        (Get-EnterpriseCodeSigningContext | Out-String) | Should -Not -Match '[0-9a-f]{32}'
    }
}
