<#
    What the acceptance tests share: where the built module and the emulator are, starting and stopping the
    Graph emulator as its own process, a fresh pwsh, test certificates.

    The xunit suite (tests/CodeSigningCerts.Tests/Acceptance/PesterSuiteTests.cs) runs these tests in the pinned
    pwsh and tells them, through environment variables, where the build put the emulator and where to record the
    ids of the processes they start (it checks afterwards that every one is gone). Run by hand
    (dotnet pwsh, then Invoke-Pester ./tests) they find the emulator's build themselves.
#>

Set-StrictMode -Version Latest

$script:root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)

function Get-RepositoryRoot { $script:root }

function Get-ModuleVersion {
    (Import-PowerShellDataFile (Join-Path $script:root 'CodeSigningCerts.psd1')).ModuleVersion
}

function Get-BuiltModuleManifest {
    $manifest = Join-Path $script:root "output/CodeSigningCerts/$(Get-ModuleVersion)/CodeSigningCerts.psd1"
    if (-not (Test-Path $manifest)) { throw "Build first: dotnet build src/CodeSigningCerts ($manifest is missing)." }
    $manifest
}

function Get-EmulatorAssembly {
    if ($env:CODESIGNINGCERTS_EMULATOR) { return $env:CODESIGNINGCERTS_EMULATOR }
    $built = Get-ChildItem (Join-Path $script:root 'tests/GraphEmulator/bin') -Recurse -Filter GraphEmulator.dll -ErrorAction SilentlyContinue |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $built) { throw 'Build first: dotnet build tests/GraphEmulator (GraphEmulator.dll is missing).' }
    $built.FullName
}

# The running pwsh as a command line: `dotnet <pwsh.dll>` when it is the .NET tool, else its own executable.
function Get-PwshCommand {
    $host_ = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { return @($host_, (Join-Path $PSHOME 'pwsh.dll')) }
    @($host_)
}

# Records a started process for the xunit runner, which checks after the run that none is left.
function Register-StartedProcess([int] $Id) {
    if ($env:CODESIGNINGCERTS_PID_DIRECTORY) {
        Set-Content -Path (Join-Path $env:CODESIGNINGCERTS_PID_DIRECTORY "$Id.pid") -Value $Id
    }
}

<#
    Starts the emulator as its built dll (`dotnet GraphEmulator.dll`: one process, so stopping it stops
    everything; `dotnet run` would leave the app running under a stopped parent) on a free port of 127.0.0.1,
    and waits until it listens. Returns Uri, Token, Process.
#>
function Start-GraphEmulator([string] $LogDirectory = [IO.Path]::GetTempPath()) {
    $token = 'pester-' + [guid]::NewGuid().ToString('N')
    $log = Join-Path $LogDirectory "emulator-$([guid]::NewGuid().ToString('N')).log"
    $dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
    $process = Start-Process $dotnet -PassThru -RedirectStandardOutput $log -RedirectStandardError "$log.err" `
        -ArgumentList @((Get-EmulatorAssembly), '--port', '0', '--token', $token)
    Register-StartedProcess $process.Id
    try {
        # The address is taken from the match the moment it is made, not from $Matches afterwards (a CI run once found
        # $Matches unset after this loop ended).
        $deadline = [datetime]::UtcNow.AddMinutes(1)
        $uri = $null
        while ($null -eq $uri) {
            $text = [string](Get-Content $log -Raw -ErrorAction SilentlyContinue)
            $found = [regex]::Match($text, 'listening on (http://127\.0\.0\.1:\d+)/')
            if ($found.Success) {
                $uri = $found.Groups[1].Value
                break
            }
            if ($process.HasExited -or [datetime]::UtcNow -gt $deadline) {
                throw "The Graph emulator did not start: $(Get-Content $log, "$log.err" -Raw -ErrorAction SilentlyContinue)"
            }
            Start-Sleep -Milliseconds 100
        }
    }
    catch {
        Stop-Process -Id $process.Id -ErrorAction SilentlyContinue
        throw
    }
    [pscustomobject]@{ Uri = $uri; Token = $token; Process = $process }
}

# A listing shows a new entry a moment after its upload (the emulator's default lag, as the service's); a user's next
# command comes later than that. A test that lists right after uploading waits it out.
function Wait-ListingLag { Start-Sleep -Milliseconds 1100 }

function Stop-GraphEmulator($Emulator) {
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        Stop-Process -Id $Emulator.Process.Id
        $Emulator.Process.WaitForExit(10000) | Out-Null
    }
}

function Reset-GraphEmulator($Emulator) { Invoke-RestMethod -Method Post "$($Emulator.Uri)/_emulator/reset" | Out-Null }

# What the emulator received for the certificates, oldest first.
function Get-EmulatorRequest($Emulator) {
    # Invoke-RestMethod writes a JSON array as one object: assigned first, it is enumerated by the pipeline.
    $requests = Invoke-RestMethod "$($Emulator.Uri)/_emulator/requests"
    $requests | Where-Object { $_.path -like '*enterpriseCodeSigningCertificates*' }
}

# The body of a request as the emulator recorded it, its dates left as the text that was sent.
function ConvertFrom-RecordedBody([string] $Body) { $Body | ConvertFrom-Json -DateKind String }

function ConvertTo-AccessToken($Emulator) { ConvertTo-SecureString $Emulator.Token -AsPlainText -Force }

<#
    A self-signed code-signing certificate valid from -NotBefore days to -Days days from now (both may be
    negative: -NotBefore -30 -Days -2 is expired two days ago).
#>
# RSA-2048 key generation costs about a tenth of a second of CPU: the certificates a suite makes share one key (they
# still differ by subject and dates).
$script:testKey = [System.Security.Cryptography.RSA]::Create(2048)

function New-TestCertificate([string] $Name, [int] $Days = 365, [int] $NotBefore = -1, [string] $Eku = '1.3.6.1.5.5.7.3.3') {
    $key = $script:testKey
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new(
        "CN=$Name, O=Pester", $key, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    $usages = [System.Security.Cryptography.OidCollection]::new(); $usages.Add([System.Security.Cryptography.Oid]::new($Eku)) | Out-Null
    $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($usages, $false))
    $from = [datetimeoffset]::UtcNow.AddDays([Math]::Min($NotBefore, $Days - 1))
    $request.CreateSelfSigned($from, [datetimeoffset]::UtcNow.AddDays($Days))
}

<#
    Signed packages, PE files, scripts and a catalog, signed with test certificates: the xunit suite's own
    builder (tests/CodeSigningCerts.Tests/Packages/SignedSamples.cs), so both suites test the same files. The xunit
    runner names its assembly in CODESIGNINGCERTS_TEST_ASSEMBLY; run by hand, the newest build is found.
    Dispose the result to delete the files.
#>
function New-SignedSamples {
    $assembly = $env:CODESIGNINGCERTS_TEST_ASSEMBLY
    if (-not $assembly) {
        $built = Get-ChildItem (Join-Path $script:root 'tests/CodeSigningCerts.Tests/bin') -Recurse -Filter CodeSigningCerts.Tests.dll -ErrorAction SilentlyContinue |
            Sort-Object LastWriteTime -Descending | Select-Object -First 1
        if (-not $built) { throw 'Build first: dotnet build tests/CodeSigningCerts.Tests (CodeSigningCerts.Tests.dll is missing).' }
        $assembly = $built.FullName
    }
    Add-Type -Path $assembly
    [CodeSigningCerts.Tests.Packages.SignedSamples]::new()
}

<#
    Runs -Script in a new pwsh process (the same pwsh as this one, no profile) with -Environment set on top of
    this process's environment, in -WorkingDirectory, with -InputText as what the user types; returns its exit code and everything it wrote. Waits at most -TimeoutSeconds,
    then kills it with its children.
#>
function Invoke-FreshPwsh([string] $Script, [hashtable] $Environment = @{}, [int] $TimeoutSeconds = 180, [string] $WorkingDirectory = $PWD.ProviderPath, [string] $InputText) {
    $command = @(Get-PwshCommand)
    $info = [System.Diagnostics.ProcessStartInfo]::new($command[0])
    # With -InputText the session is interactive (prompts read their answers from it), else -NonInteractive.
    $mode = if ($PSBoundParameters.ContainsKey('InputText')) { @() } else { @('-NonInteractive') }
    foreach ($argument in @($command | Select-Object -Skip 1) + @('-NoProfile') + $mode + @('-Command', $Script)) { $info.ArgumentList.Add($argument) }
    $info.WorkingDirectory = $WorkingDirectory
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $PSBoundParameters.ContainsKey('InputText')
    $info.RedirectStandardError = $true
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = [string] $Environment[$name] }
    $process = [System.Diagnostics.Process]::Start($info)
    Register-StartedProcess $process.Id
    try {
        if ($info.RedirectStandardInput) { $process.StandardInput.Write($InputText); $process.StandardInput.Close() }
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "pwsh did not finish within $TimeoutSeconds s: $Script"
        }
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
    }
    finally { $process.Dispose() }
}

Export-ModuleMember -Function *
