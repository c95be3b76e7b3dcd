<#
    Connect-EnterpriseCodeSigning with Microsoft Entra ID (or the managed identity endpoint) unreachable:
    refused connection, unknown host, TLS failure. Each flow fails with the module's own error
    (SignInUnreachable, ConnectionError) and advice naming what to check, never a raw .NET exception.
#>

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Acceptance.psm1') -Force
    # The emulator speaks plain http: as an https authority host, its port fails the TLS handshake.
    $script:emulator = Start-GraphEmulator -LogDirectory $TestDrive
    Import-Module (Get-BuiltModuleManifest) -Force

    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $closedPort = $listener.LocalEndpoint.Port; $listener.Stop()
    $script:unreachable = @{
        'connection refused' = @{ Authority = "https://127.0.0.1:$closedPort/"; Says = "Connection refused|actively refused" }
        'unknown host'       = @{ Authority = 'https://entra-host-that-does-not-exist.invalid/'; Says = 'entra-host-that-does-not-exist\.invalid' }
        'TLS failure'        = @{ Authority = "https://127.0.0.1:$(([uri]$emulator.Uri).Port)/"; Says = 'SSL connection could not be established' }
    }

    function Get-ConnectError([scriptblock] $Connect) {
        try { & $Connect | Out-Null } catch { return $_ }
        throw 'Connect-EnterpriseCodeSigning succeeded with Entra unreachable.'
    }

    function Assert-Unreachable($ErrorRecord, [string] $Authority, [string] $Says) {
        $ErrorRecord.FullyQualifiedErrorId | Should -Be 'SignInUnreachable,CodeSigningCerts.Commands.ConnectEnterpriseCodeSigningCommand'
        $ErrorRecord.CategoryInfo.Category | Should -Be 'ConnectionError'
        $ErrorRecord.TargetObject | Should -Be ([uri] $Authority)
        $ErrorRecord.ErrorDetails.Message | Should -Match "Microsoft Entra ID at $([regex]::Escape($Authority)) could not be reached to sign in: .*($Says)"
        $advice = $ErrorRecord.ErrorDetails.RecommendedAction
        $advice | Should -Match 'network path'
        $advice | Should -Match 'proxy'
        $advice | Should -Match '-Environment'
        $advice | Should -Match '-AuthorityHost'
    }
}

AfterAll {
    Remove-Module CodeSigningCerts -ErrorAction SilentlyContinue
    Stop-GraphEmulator $script:emulator
}

Describe 'Connect with Entra unreachable' {
    It 'client secret, <_>: SignInUnreachable with advice, the secret never shown' -ForEach 'connection refused', 'unknown host', 'TLS failure' {
        $case = $unreachable[$_]
        $secret = 'pester-secret-' + [guid]::NewGuid().ToString('N')
        $failure = Get-ConnectError {
            Connect-EnterpriseCodeSigning -TenantId contoso.onmicrosoft.com -ClientId ([guid]::NewGuid()) -ClientSecret (ConvertTo-SecureString $secret -AsPlainText -Force) `
                -AuthorityHost $case.Authority -GraphEndpoint $emulator.Uri -ErrorAction Stop
        }
        Assert-Unreachable $failure $case.Authority $case.Says
        ($failure | Format-List * -Force | Out-String) + $failure.ErrorDetails.RecommendedAction | Should -Not -Match $secret
    }

    It 'device code, <_>: SignInUnreachable with advice' -ForEach 'connection refused', 'unknown host', 'TLS failure' {
        $case = $unreachable[$_]
        $failure = Get-ConnectError { Connect-EnterpriseCodeSigning -UseDeviceCode -TenantId contoso.onmicrosoft.com -AuthorityHost $case.Authority -GraphEndpoint $emulator.Uri -ErrorAction Stop }
        Assert-Unreachable $failure $case.Authority $case.Says
    }

    # The browser is stood in for by an xdg-open on PATH that answers MSAL's loopback redirect with a code, as
    # Entra would after the person signed in; redeeming that code is what finds Entra unreachable. Windows opens
    # the browser through the shell, which no PATH entry stands in for: there the test is skipped.
    It 'interactive (browser), <_>: SignInUnreachable with advice' -ForEach 'connection refused', 'TLS failure' -Skip:$IsWindows {
        $case = $unreachable[$_]
        $browser = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'browser')
        Set-Content -Path (Join-Path $browser 'xdg-open') -Value @'
#!/usr/bin/env bash
# Answers MSAL's loopback redirect (response_mode=form_post) with an authorization code, as Entra would after a sign-in.
port=$(printf '%s' "$1" | sed -n 's/.*redirect_uri=http%3A%2F%2Flocalhost%3A\([0-9]*\).*/\1/p')
state=$(printf '%s' "$1" | sed -n 's/.*[?&]state=\([^&]*\).*/\1/p')
for attempt in $(seq 1 100); do
  if exec 3<>"/dev/tcp/127.0.0.1/$port"; then
    body="code=pester-code&state=$state"
    printf 'POST / HTTP/1.1\r\nHost: localhost:%s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' "$port" "${#body}" "$body" >&3
    cat <&3 >/dev/null
    exit 0
  fi 2>/dev/null
  sleep 0.1
done
exit 1
'@
        chmod +x (Join-Path $browser 'xdg-open')
        $path = $env:PATH
        try {
            $env:PATH = "$browser$([IO.Path]::PathSeparator)$path"
            $failure = Get-ConnectError { Connect-EnterpriseCodeSigning -TenantId contoso.onmicrosoft.com -AuthorityHost $case.Authority -GraphEndpoint $emulator.Uri -ErrorAction Stop }
        }
        finally { $env:PATH = $path }
        Assert-Unreachable $failure $case.Authority $case.Says
    }

    It 'managed identity, endpoint refusing: SignInUnreachable with advice on where it runs and its network path' {
        $saved = $env:IDENTITY_ENDPOINT, $env:IDENTITY_HEADER
        try {
            $env:IDENTITY_ENDPOINT = $unreachable['connection refused'].Authority.Replace('https:', 'http:') + 'msi/token'
            $env:IDENTITY_HEADER = 'pester'
            $failure = Get-ConnectError { Connect-EnterpriseCodeSigning -ManagedIdentity -GraphEndpoint $emulator.Uri -ErrorAction Stop }
        }
        finally { $env:IDENTITY_ENDPOINT, $env:IDENTITY_HEADER = $saved }
        $failure.FullyQualifiedErrorId | Should -Be 'SignInUnreachable,CodeSigningCerts.Commands.ConnectEnterpriseCodeSigningCommand'
        $failure.CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure.ErrorDetails.Message | Should -Match 'The managed identity endpoint could not be reached to get a token: .*(Connection refused|actively refused)'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'managed identity is enabled'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'network path'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'proxy'
        $failure.ErrorDetails.RecommendedAction | Should -Match '-Environment'
    }
}
