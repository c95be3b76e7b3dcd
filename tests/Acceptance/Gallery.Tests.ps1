<#
    The Gallery flow, offline: the package build.ps1 -Task Package -NoBuild makes of the module this run built and
    tested is published to a local PSResourceGet
    repository (a folder), installed from it into a clean module path (HOME and PSModulePath in a temporary
    folder), imported by name in a fresh pwsh and taken through a round trip; Install-Module (PowerShellGet v2)
    from the same folder works too.
#>

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Acceptance.psm1') -Force
    $script:root = Get-RepositoryRoot
    $script:version = Get-ModuleVersion
    $script:feed = New-Item -ItemType Directory (Join-Path $TestDrive 'feed')
    $script:repository = New-Item -ItemType Directory (Join-Path $TestDrive 'repository')
    $script:emulator = Start-GraphEmulator -LogDirectory $TestDrive

    # A user with nothing installed: HOME (where PSResourceGet keeps its repository list and CurrentUser
    # installs go on Linux and macOS) and PSModulePath both in a temporary folder.
    function New-CleanUser([string] $Name) {
        $userHome = New-Item -ItemType Directory (Join-Path $TestDrive $Name)
        $modules = Join-Path $userHome 'Modules'
        # .NET names a special folder only when it exists (else ''), and PSResourceGet would then write its
        # repository list relative to the working directory.
        foreach ($folder in '.local/share', '.config', '.cache', 'AppData/Local', 'AppData/Roaming', 'Modules') {
            New-Item -ItemType Directory (Join-Path $userHome $folder) | Out-Null
        }
        @{
            HOME = $userHome.FullName; USERPROFILE = $userHome.FullName; XDG_DATA_HOME = (Join-Path $userHome '.local/share')
            XDG_CONFIG_HOME = (Join-Path $userHome '.config'); XDG_CACHE_HOME = (Join-Path $userHome '.cache')
            LOCALAPPDATA = (Join-Path $userHome 'AppData/Local'); APPDATA = (Join-Path $userHome 'AppData/Roaming')
            PSModulePath = $modules; CSC_MODULES = $modules
            CSC_GRAPH = $emulator.Uri; CSC_TOKEN = $emulator.Token
        }
    }

    $script:package = Invoke-FreshPwsh -TimeoutSeconds 400 "& '$root/build.ps1' -Task Package -NoBuild -PackageDirectory '$feed'"
    $script:nupkg = Join-Path $feed "CodeSigningCerts.$version.nupkg"
}

AfterAll { Stop-GraphEmulator $script:emulator }

Describe 'The Gallery flow' {
    BeforeEach { Reset-GraphEmulator $emulator }

    It 'build.ps1 -Task Package -NoBuild makes the Gallery package' {
        $package.ExitCode | Should -Be 0 -Because "$($package.Output)$($package.Error)"
        $nupkg | Should -Exist
    }

    It 'Publish-PSResource and Install-PSResource put it in a clean module path, and a fresh pwsh imports it by name for a round trip' {
        $user = New-CleanUser 'psresourceget-user'
        $install = Invoke-FreshPwsh -Environment $user -WorkingDirectory $user.HOME @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name LocalGallery -Uri '$repository' -Trusted
Publish-PSResource -NupkgPath '$nupkg' -Repository LocalGallery
Install-PSResource CodeSigningCerts -Repository LocalGallery -Scope CurrentUser -TrustRepository
(Get-InstalledPSResource CodeSigningCerts).InstalledLocation
"@
        $install.ExitCode | Should -Be 0 -Because $install.Error
        Join-Path $repository "CodeSigningCerts.$version.nupkg" | Should -Exist

        # Install-PSResource -Scope CurrentUser writes to the user's module folder, under HOME (or Documents on
        # Windows): the fresh pwsh below finds it there by name only because PSModulePath says so.
        $installed = Get-ChildItem $user.HOME -Recurse -Force -Filter CodeSigningCerts.psd1 | Select-Object -First 1
        $installed | Should -Not -BeNullOrEmpty
        foreach ($shipped in 'LICENSE', 'THIRD-PARTY-NOTICES.txt', 'ThirdPartyNotices/Polly.Core.*/LICENSE') {
            Join-Path $installed.DirectoryName $shipped | Should -Exist
        }
        $user.PSModulePath = Split-Path (Split-Path (Split-Path $installed.FullName))

        $trip = Invoke-FreshPwsh -Environment $user -WorkingDirectory $user.HOME "& '$PSScriptRoot/RoundTrip.ps1'"
        $trip.ExitCode | Should -Be 0 -Because $trip.Error
        $result = $trip.Output | ConvertFrom-Json
        $result.ModuleBase | Should -BeLike "$($user.HOME)*"
        $result.Version | Should -Be $version
        $result.Created | Should -Be @('Round Trip Piped', 'Round Trip File')
        $result.Listed | Should -Be 2
        $result.ById | Should -Be 'Round Trip Piped'
        $result.Status | Should -Be 'Provisioned'
        $result.LeftAfterRemove | Should -Be 0
    }

    It 'Install-Module (PowerShellGet v2) installs it from the same folder' {
        Copy-Item $nupkg $repository -Force
        $user = New-CleanUser 'powershellget-user'
        $install = Invoke-FreshPwsh -Environment $user -WorkingDirectory $user.HOME @"
`$ErrorActionPreference = 'Stop'
Import-Module PowerShellGet -RequiredVersion 2.2.5
Register-PSRepository -Name LocalGallery -SourceLocation '$repository' -InstallationPolicy Trusted
Install-Module CodeSigningCerts -Repository LocalGallery -Scope CurrentUser
(Get-InstalledModule CodeSigningCerts).InstalledLocation
"@
        $install.ExitCode | Should -Be 0 -Because $install.Error
        $location = ($install.Output -split "`n" | Where-Object { $_.Trim() } | Select-Object -Last 1).Trim()
        $location | Should -BeLike "$($user.HOME)*"
        $user.PSModulePath = Split-Path (Split-Path $location)

        $trip = Invoke-FreshPwsh -Environment $user -WorkingDirectory $user.HOME "& '$PSScriptRoot/RoundTrip.ps1'"
        $trip.ExitCode | Should -Be 0 -Because $trip.Error
        ($trip.Output | ConvertFrom-Json).LeftAfterRemove | Should -Be 0
    }
}
