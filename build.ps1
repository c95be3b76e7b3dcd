#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, documents and packages CodeSigningCerts.
.DESCRIPTION
    A thin wrapper over the .NET SDK; every task works from a fresh clone with only the .NET SDK, through the
    pwsh the repository pins (`dotnet tool restore`, then `dotnet pwsh ./build.ps1 -Task Test`). Nothing is
    installed from the internet: Pester comes from the NuGet package the test build downloads.
      Build    dotnet build: lays out output/CodeSigningCerts/<version>/ exactly as it ships (Debug by default).
      Test     dotnet test: the README's test command. The xunit suite (PowerShell 7.6 hosted), then the Pester
               acceptance suite (tests/Acceptance) in the pinned pwsh 7.6.10 with Pester 5.9.1; fails when any test fails.
      Docs     Build: the MAML help from docs/en-US (tools/HelpBuilder) is part of every build; lists what it made.
      Package  A Release build laid out in output/release/CodeSigningCerts/<version>/ (so it never empties the
               folder a test run is importing), packed into the Gallery .nupkg (tools/GalleryPackage) in
               -PackageDirectory (output/gallery/). Publish it with Publish-PSResource -NupkgPath. With -NoBuild,
               the module Build laid out in output/CodeSigningCerts/<version>/ is packed as it is (the test suite's
               Gallery flow packs the module it has just built and tested).
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Package -PackageDirectory /tmp/feed
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package')]
    [string] $Task = 'Build',

    # Build, Test and Docs only: what ships (Package) is always the Release build.
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',

    # Package only: where the .nupkg goes.
    [string] $PackageDirectory = (Join-Path $PSScriptRoot 'output/gallery'),

    # Package only: pack the module Build already laid out instead of building it in Release.
    [switch] $NoBuild
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
    # The same command as the README and CI (.ci/run): the Pester suite runs inside it
    # (tests/CodeSigningCerts.Tests/Acceptance/PesterSuiteTests.cs), so there is one pass/fail.
    Invoke-Dotnet test $root -c $Configuration
}

function Invoke-Package {
    $staging = Join-Path $root "output/release/CodeSigningCerts/$($manifest.ModuleVersion)/"
    $packageDir = [IO.Path]::GetFullPath($PackageDirectory)
    $project = Join-Path $root 'tools/GalleryPackage/GalleryPackage.csproj'
    if ($NoBuild) {
        # --no-build skips restore too.
        Invoke-Dotnet restore $project
        Invoke-Dotnet pack $project --no-build "-p:PackageOutputPath=$([IO.Path]::TrimEndingDirectorySeparator($packageDir))/"
        return Get-ChildItem $packageDir -Filter "CodeSigningCerts.$($manifest.ModuleVersion).nupkg"
    }

    Invoke-Dotnet pack (Join-Path $root 'tools/GalleryPackage/GalleryPackage.csproj') -c Release `
        "-p:ModuleOutputDirectory=$staging" "-p:PackageOutputPath=$([IO.Path]::TrimEndingDirectorySeparator($packageDir))/"
    Get-ChildItem $packageDir -Filter "CodeSigningCerts.$($manifest.ModuleVersion).nupkg"
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Docs' { Invoke-Docs }
    'Package' { Invoke-Package }
}
