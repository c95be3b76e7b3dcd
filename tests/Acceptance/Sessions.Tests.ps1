<#
    Sessions as people and runbooks have them: re-imports, parallel runspaces each with its own connection, and
    a session where another MSAL was loaded first.
#>

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Acceptance.psm1') -Force
    $script:emulator = Start-GraphEmulator -LogDirectory $TestDrive
    $script:manifest = Get-BuiltModuleManifest
    # output/ holds output/CodeSigningCerts/<version>/: on PSModulePath, Import-Module CodeSigningCerts finds the build.
    $script:byName = @{ PSModulePath = Split-Path (Split-Path (Split-Path $manifest)); CSC_GRAPH = $emulator.Uri; CSC_TOKEN = $emulator.Token }
}

AfterAll { Stop-GraphEmulator $script:emulator }

Describe 'Sessions' {
    BeforeEach { Reset-GraphEmulator $emulator }

    It 'still connects and uploads after Import-Module -Force, and after Remove-Module and a new import' {
        $run = Invoke-FreshPwsh @'
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $env:CSC_ACCEPTANCE 'Acceptance.psm1')
$token = ConvertTo-SecureString $env:CSC_TOKEN -AsPlainText -Force
Import-Module CodeSigningCerts
Connect-EnterpriseCodeSigning -GraphEndpoint $env:CSC_GRAPH -AccessToken $token | Out-Null
$first = New-TestCertificate 'First Import' | New-EnterpriseCodeSigningCertificate
Import-Module CodeSigningCerts -Force
Connect-EnterpriseCodeSigning -GraphEndpoint $env:CSC_GRAPH -AccessToken $token | Out-Null
$forced = New-TestCertificate 'Forced Import' | New-EnterpriseCodeSigningCertificate
Remove-Module CodeSigningCerts
if (Get-Module CodeSigningCerts) { throw 'Remove-Module left the module loaded.' }
Import-Module CodeSigningCerts
Connect-EnterpriseCodeSigning -GraphEndpoint $env:CSC_GRAPH -AccessToken $token | Out-Null
$again = New-TestCertificate 'Imported Again' | New-EnterpriseCodeSigningCertificate
@($first, $forced, $again).SubjectName -join ','
'@ -Environment ($byName + @{ CSC_ACCEPTANCE = $PSScriptRoot })
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $run.Output.Trim() | Should -Be 'First Import,Forced Import,Imported Again'
        @(Get-EmulatorRequest $emulator | Where-Object method -eq 'POST').Count | Should -Be 3
    }

    It 'ForEach-Object -Parallel: each runspace has its own connection' {
        $results = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:manifest
            Import-Module (Join-Path $using:PSScriptRoot 'Acceptance.psm1')
            $emulator = $using:emulator
            if ($_ -eq 3) {
                # Never connected: the connections of the other runspaces are not its own.
                try { Get-EnterpriseCodeSigningCertificate -ErrorAction Stop; "runspace 3 listed" }
                catch { "runspace 3: $($_.FullyQualifiedErrorId)" }
                return
            }
            Connect-EnterpriseCodeSigning -GraphEndpoint $emulator.Uri -AccessToken (ConvertTo-SecureString $emulator.Token -AsPlainText -Force) | Out-Null
            $created = New-TestCertificate "Parallel $_" | New-EnterpriseCodeSigningCertificate
            Disconnect-EnterpriseCodeSigning
            "runspace $($_): $($created.SubjectName)"
        }
        $results | Sort-Object | Should -Be @('runspace 1: Parallel 1', 'runspace 2: Parallel 2', 'runspace 3: NotConnected,CodeSigningCerts.Commands.GetEnterpriseCodeSigningCertificateCommand')
        @(Get-EmulatorRequest $emulator | Where-Object method -eq 'POST').Count | Should -Be 2
    }

    It 'ForEach-Object -Parallel with $using:connection: two tenants side by side, each token only to its own Graph' {
        $fabrikam = Start-GraphEmulator -LogDirectory $TestDrive
        try {
            Import-Module $manifest
            $a = Connect-EnterpriseCodeSigning -GraphEndpoint $emulator.Uri -AccessToken (ConvertTo-AccessToken $emulator)
            $b = Connect-EnterpriseCodeSigning -GraphEndpoint $fabrikam.Uri -AccessToken (ConvertTo-AccessToken $fabrikam)
            $results = 'Contoso', 'Fabrikam' | ForEach-Object -ThrottleLimit 2 -Parallel {
                Import-Module $using:manifest
                Import-Module (Join-Path $using:PSScriptRoot 'Acceptance.psm1')
                $connection = if ($_ -eq 'Contoso') { $using:a } else { $using:b }
                $created = New-TestCertificate "$_ Parallel" | New-EnterpriseCodeSigningCertificate -Connection $connection
                # The runspace's own current connection is untouched: it never connected.
                "$($_): $($created.SubjectName), current: $(@(Get-EnterpriseCodeSigningContext).Count)"
            }
            $results | Sort-Object | Should -Be @('Contoso: Contoso Parallel, current: 0', 'Fabrikam: Fabrikam Parallel, current: 0')

            Disconnect-EnterpriseCodeSigning -Connection $a
            { Get-EnterpriseCodeSigningCertificate -Connection $a } | Should -Throw -ErrorId 'ConnectionClosed,*'

            # Each emulator accepts only its own token (any other is answered 401), so every request answered
            # 2xx carried its own tenant's token; each stored its own tenant's certificate only.
            foreach ($tenant in @(@{ Emulator = $emulator; Name = 'Contoso Parallel' }, @{ Emulator = $fabrikam; Name = 'Fabrikam Parallel' })) {
                $requests = @(Get-EmulatorRequest $tenant.Emulator)
                $requests.responseStatus | Where-Object { $_ -ge 300 } | Should -BeNullOrEmpty
                $posts = @($requests | Where-Object method -eq 'POST')
                $posts.Count | Should -Be 1
                (ConvertFrom-RecordedBody $posts[0].body).subjectName | Should -Be $tenant.Name
            }
        }
        finally {
            Stop-GraphEmulator $fabrikam
            Remove-Module CodeSigningCerts -ErrorAction SilentlyContinue
        }
    }

    It 'a session where MSAL 4.55 was loaded first still connects and takes the module through a round trip' {
        # The test build's own copies (it references MSAL 4.55 and the IdentityModel.Abstractions it needs), or the NuGet folder's.
        $packages = Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages'
        $msal, $abstractions = if ($env:CODESIGNINGCERTS_FOREIGN_MSAL_DIRECTORY) {
            Join-Path $env:CODESIGNINGCERTS_FOREIGN_MSAL_DIRECTORY 'Microsoft.Identity.Client.dll'
            Join-Path $env:CODESIGNINGCERTS_FOREIGN_MSAL_DIRECTORY 'Microsoft.IdentityModel.Abstractions.dll'
        }
        else {
            Join-Path $packages 'microsoft.identity.client/4.55.0/lib/net6.0/Microsoft.Identity.Client.dll'
            Join-Path $packages 'microsoft.identitymodel.abstractions/6.33.0/lib/net6.0/Microsoft.IdentityModel.Abstractions.dll'
        }
        [Reflection.AssemblyName]::GetAssemblyName($msal).Version | Should -Be ([version] '4.55.0.0')
        $run = Invoke-FreshPwsh -Environment $byName @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$abstractions', '$msal'
`$null = [Microsoft.Identity.Client.PublicClientApplicationBuilder]::Create('$([guid]::NewGuid())')
& '$PSScriptRoot/RoundTrip.ps1'
"@
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $result = $run.Output | ConvertFrom-Json
        $result.MsalInSession | Should -Contain '4.55.0.0'
        $result.Created | Should -Be @('Round Trip Piped', 'Round Trip File')
        $result.LeftAfterRemove | Should -Be 0
    }
}
