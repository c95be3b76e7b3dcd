#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, documents and packages CodeSigningCerts.
.DESCRIPTION
    A thin wrapper over the .NET SDK for PowerShell users; every task works from a fresh clone.
      Build    dotnet build: lays out output/CodeSigningCerts/<version>/ exactly as it ships.
      Test     Build, then the xunit suite (PowerShell 7.6 hosted) and the Pester tests in tests/*.Tests.ps1.
      Docs     Build: the MAML help from docs/en-US (tools/HelpBuilder) is part of every build.
      Package  Release build, then the PowerShell Gallery .nupkg in output/gallery/ (dotnet pack tools/GalleryPackage).
.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$manifest = Import-PowerShellDataFile (Join-Path $root 'CodeSigningCerts.psd1')
$moduleDir = Join-Path $root "output/CodeSigningCerts/$($manifest.ModuleVersion)"

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Dotnet build (Join-Path $root 'src/CodeSigningCerts/CodeSigningCerts.csproj') -c $Configuration
}

function Invoke-Docs {
    # HelpBuilder runs in every module build (src/CodeSigningCerts/ModuleLayout.targets).
    Invoke-Build
    Get-ChildItem (Join-Path $moduleDir 'en-US')
}

function Invoke-Test {
    Invoke-Dotnet test $root -c $Configuration
    if (-not (Get-Module -ListAvailable Pester | Where-Object Version -GE '5.5.0')) {
        Install-Module Pester -MinimumVersion 5.5.0 -Scope CurrentUser -Force -SkipPublisherCheck
    }
    Import-Module Pester -MinimumVersion 5.5.0
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests'
    $config.Run.Exit = $false
    $config.Run.Throw = $true
    $config.Output.Verbosity = 'Detailed'
    Invoke-Pester -Configuration $config
}

function Invoke-Package {
    # The Gallery package from the built folder, its metadata read from the manifest; publish it with
    # Publish-PSResource -NupkgPath, or publish the folder itself with Publish-PSResource -Path.
    # What ships is always the Release build, whatever -Configuration says for the other tasks.
    Invoke-Dotnet pack (Join-Path $root 'tools/GalleryPackage/GalleryPackage.csproj') -c Release
    Get-ChildItem (Join-Path $root 'output/gallery') -Filter *.nupkg
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Docs' { Invoke-Docs }
    'Package' { Invoke-Package }
}
