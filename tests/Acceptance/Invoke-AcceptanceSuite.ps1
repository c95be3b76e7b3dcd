<#
.SYNOPSIS
    Runs Pester tests and writes what failed to a JSON summary (what the xunit runner reads).
.DESCRIPTION
    tests/CodeSigningCerts.Tests/Acceptance/PesterSuiteTests.cs runs this in the pinned pwsh
    (.config/dotnet-tools.json) with the Pester module the build downloaded, so `dotnet test` runs the Pester
    suite too and fails naming every Pester test that failed. Exit code: 0 when every test passed.
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string[]] $Path,
    [Parameter(Mandatory)] [string] $SummaryPath
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $configuration

# A failed BeforeAll fails its tests without running them; a file that does not parse fails its container.
$failures = @(
    foreach ($test in $result.Failed) { "$($test.ExpandedPath): $($test.ErrorRecord | Select-Object -First 1)" }
    foreach ($block in $result.FailedBlocks) { "$($block.Path -join '.') (setup): $($block.ErrorRecord | Select-Object -First 1)" }
    foreach ($container in $result.FailedContainers) { "$($container.Item): $($container.ErrorRecord | Select-Object -First 1)" }
)
[ordered]@{ Passed = $result.PassedCount; Failures = $failures } | ConvertTo-Json | Set-Content -Path $SummaryPath
exit $(if ($failures.Count -eq 0 -and $result.Result -eq 'Passed') { 0 } else { 1 })
