<#
    What a person sees in pwsh: help, views, Tab completion, -WhatIf/-Confirm texts, errors, -Verbose lines.
#>

BeforeDiscovery {
    $script:cmdlets = (Import-PowerShellDataFile (Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'CodeSigningCerts.psd1')).CmdletsToExport
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Acceptance.psm1') -Force
    $script:emulator = Start-GraphEmulator -LogDirectory $TestDrive
    $script:manifest = Get-BuiltModuleManifest
    Import-Module $manifest -Force
    Connect-EnterpriseCodeSigning -GraphEndpoint $emulator.Uri -AccessToken (ConvertTo-AccessToken $emulator) | Out-Null

    # What the user's console shows for -Script, run in a fresh pwsh connected to the emulator.
    function Show-InFreshPwsh([string] $Script, [string] $InputText) {
        $session = @"
Import-Module '$PSScriptRoot/Acceptance.psm1'
Import-Module '$manifest'
Connect-EnterpriseCodeSigning -GraphEndpoint '$($emulator.Uri)' -AccessToken (ConvertTo-SecureString '$($emulator.Token)' -AsPlainText -Force) | Out-Null
$Script
"@
        $arguments = @{ Script = $session; Environment = @{ NO_COLOR = '1'; COLUMNS = '160' } }
        if ($PSBoundParameters.ContainsKey('InputText')) { $arguments.InputText = $InputText }
        $shown = Invoke-FreshPwsh @arguments
        # What a person reads: the text without colours, lines wrapped at whatever width as one line.
        ("$($shown.Output)`n$($shown.Error)" -replace "`e\[[0-9;]*m", '') -replace '\s+', ' '
    }
}

AfterAll {
    Disconnect-EnterpriseCodeSigning -ErrorAction SilentlyContinue
    Remove-Module CodeSigningCerts -ErrorAction SilentlyContinue
    Stop-GraphEmulator $script:emulator
}

Describe 'Help' {
    It 'Get-Help <_> -Full shows its synopsis, description, every parameter and no help-not-found remark' -ForEach $cmdlets {
        $help = Get-Help $_ -Full
        $text = $help | Out-String -Width 200
        $help.Synopsis | Should -Not -BeLike "$_*" -Because 'a synopsis that starts with the name is the generated syntax, not help'
        $help.description | Should -Not -BeNullOrEmpty
        foreach ($parameter in (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin 'WhatIf', 'Confirm' }) {
            $text | Should -Match "-$parameter\b"
        }
        $text | Should -Not -Match 'cannot find the Help files'
    }

    It 'Get-Help <_> -Examples shows at least one example with its code' -ForEach $cmdlets {
        $examples = @((Get-Help $_).examples.example)
        $examples.Count | Should -BeGreaterThan 0
        $text = Get-Help $_ -Examples | Out-String -Width 200
        $text | Should -Match 'Example 1'
        $text | Should -Match ([regex]::Escape($_))
    }

    It 'Get-Help about_CodeSigningCerts shows the topic' {
        $text = Get-Help about_CodeSigningCerts | Out-String
        $text | Should -Match 'about_CodeSigningCerts'
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'Connect-EnterpriseCodeSigning'
    }
}

Describe 'What the console shows' {
    BeforeEach { Reset-GraphEmulator $emulator }

    It 'lists certificates as a table of subject, status, expiry, days left and id' {
        $created = New-TestCertificate 'Table Signer' -Days 100 | New-EnterpriseCodeSigningCertificate
        Wait-ListingLag
        $lines = (Get-EnterpriseCodeSigningCertificate | Format-Table -AutoSize | Out-String -Width 200) -split "`n" | ForEach-Object TrimEnd | Where-Object { $_ }
        $lines[0] -split '\s+' | Should -Be @('SubjectName', 'Status', 'ExpirationDateTime', 'DaysLeft', 'Id')
        $row = $lines | Where-Object { $_ -like 'Table Signer*' }
        $row | Should -Match 'NotProvisioned'
        $row | Should -Match ' 99 '
        $row | Should -Match "$($created.Id)$"
    }

    It 'shows one certificate as a list with its issuer, thumbprint and upload time' {
        $certificate = New-TestCertificate 'List Signer'
        $created = $certificate | New-EnterpriseCodeSigningCertificate
        $text = Get-EnterpriseCodeSigningCertificate -Id $created.Id | Format-List | Out-String -Width 200
        foreach ($label in 'SubjectName', 'Subject', 'IssuerName', 'Issuer', 'Status', 'ExpirationDateTime', 'DaysLeft', 'UploadDateTime', 'Thumbprint', 'Id') {
            $text | Should -Match "(?m)^$label\s+:"
        }
        $text | Should -Match 'CN=List Signer, O=Pester'
    }

    It 'Tab completes -Status with the statuses and -Id with the tenant''s ids' {
        $created = New-TestCertificate 'Tab Signer' | New-EnterpriseCodeSigningCertificate
        Wait-ListingLag
        $line = 'Set-EnterpriseCodeSigningCertificate -Status '
        (TabExpansion2 $line $line.Length).CompletionMatches.CompletionText | Should -Be @('NotProvisioned', 'Provisioned')
        $line = 'Get-EnterpriseCodeSigningCertificate -Id '
        $matches_ = (TabExpansion2 $line $line.Length).CompletionMatches
        $matches_.CompletionText | Should -Contain $created.Id
        ($matches_ | Where-Object CompletionText -eq $created.Id).ToolTip | Should -Be 'Tab Signer'
    }

    It '-WhatIf says what would be uploaded and removed, and sends nothing' {
        $shown = Show-InFreshPwsh @'
$certificate = New-TestCertificate 'WhatIf Signer'
$certificate | New-EnterpriseCodeSigningCertificate -WhatIf
Remove-EnterpriseCodeSigningCertificate -Id 0f0f0f0f-0000-0000-0000-000000000000 -WhatIf
'@
        $shown | Should -Match 'What if: Performing the operation "Upload as an Intune enterprise code-signing certificate" on target "''CN=WhatIf Signer, O=Pester'' \(thumbprint [0-9A-F]{40}\)"'
        $shown | Should -Match 'What if: Performing the operation "Remove the Intune enterprise code-signing certificate" on target "0f0f0f0f-0000-0000-0000-000000000000"'
        @(Get-EmulatorRequest $emulator | Where-Object method -in 'POST', 'DELETE') | Should -BeNullOrEmpty
    }

    It 'Remove asks before removing; answering No keeps the certificate' {
        $created = New-TestCertificate 'Confirm Signer' | New-EnterpriseCodeSigningCertificate
        $shown = Show-InFreshPwsh "Remove-EnterpriseCodeSigningCertificate -Id $($created.Id)" -InputText "N`n"
        $shown | Should -Match 'Are you sure you want to perform this action\?'
        $shown | Should -Match "Performing the operation `"Remove the Intune enterprise code-signing certificate`" on target `"$($created.Id)`""
        Get-EnterpriseCodeSigningCertificate -Id $created.Id | Should -Not -BeNullOrEmpty
    }

    It 'an error shows its id, category, target and, on screen, the recommended action' {
        $shown = Show-InFreshPwsh @'
$expired = New-TestCertificate 'Expired Signer' -NotBefore -30 -Days -2
$expired | New-EnterpriseCodeSigningCertificate
'=== Format-List ==='
$Error[0] | Format-List * -Force | Out-String -Width 200
'@
        # The error view on screen (stderr) carries the recommended action; Format-List the id, category and target.
        $shown | Should -Match "The certificate 'CN=Expired Signer, O=Pester' \(thumbprint [0-9A-F]{40}\) expired on"
        $shown | Should -Match 'Recommendation: Renew the code-signing certificate and upload the new one\.'
        $shown | Should -Match 'FullyQualifiedErrorId : CertificateExpired,CodeSigningCerts.Commands.NewEnterpriseCodeSigningCertificateCommand'
        $shown | Should -Match 'CategoryInfo : InvalidData'
        $shown | Should -Match 'TargetObject : \[Subject\] CN=Expired Signer, O=Pester'
    }

    It '-Verbose shows one line per request with method, path, status, duration and request-id' {
        $records = New-TestCertificate 'Verbose Signer' | New-EnterpriseCodeSigningCertificate -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $records.Message | Should -Contain ($records.Message -match '^POST /beta/deviceAppManagement/enterpriseCodeSigningCertificates -> 201 in \d+ ms \(request-id [0-9a-f-]{36}\)$' | Select-Object -First 1)
        @($records.Message -match '^POST ').Count | Should -Be 1
    }
}
