using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator;
using GraphEmulator.Graph;

namespace CodeSigningCerts.Tests.Cmdlets;

/// <summary>
/// Connections as values (-Connection): two emulators are two tenants, each accepting only its own token. One
/// runspace mixes them command by command; the current connection stays the one Connect- made last; a connection
/// closed anywhere is refused everywhere with ConnectionClosed.
/// </summary>
public sealed class ManyTenantsTests : IAsyncLifetime
{
    private GraphEmulatorServer _contoso = null!;
    private GraphEmulatorServer _fabrikam = null!;
    private PsSession _ps = null!;

    public async Task InitializeAsync()
    {
        // No listing lag: a Get- right after the uploads sees them, as a user's next command would.
        _contoso = await GraphEmulatorServer.StartAsync(new EmulatorOptions { ListingLag = TimeSpan.Zero });
        _fabrikam = await GraphEmulatorServer.StartAsync(new EmulatorOptions { ListingLag = TimeSpan.Zero });
        _ps = new PsSession();
        var connect = _ps.Run(
            "$contoso = Connect-EnterpriseCodeSigning -GraphEndpoint $gc -AccessToken $tc; $fabrikam = Connect-EnterpriseCodeSigning -GraphEndpoint $gf -AccessToken $tf",
            ("gc", _contoso.BaseUri),
            ("tc", PsSession.Secure(_contoso.AccessToken)),
            ("gf", _fabrikam.BaseUri),
            ("tf", PsSession.Secure(_fabrikam.AccessToken)));
        Assert.Empty(connect.Errors);
    }

    public async Task DisposeAsync()
    {
        _ps.Dispose();
        await _contoso.DisposeAsync();
        await _fabrikam.DisposeAsync();
    }

    [Fact]
    public void Connections_mixed_in_one_pipeline_each_reach_only_their_tenant_with_only_their_token()
    {
        using var contosoOne = TestCertificates.CodeSigning("Contoso One");
        using var fabrikamOne = TestCertificates.CodeSigning("Fabrikam One");
        using var contosoTwo = TestCertificates.CodeSigning("Contoso Two");

        // Fabrikam was connected last, so it is current; Contoso's connection is used only where it is given.
        var result = _ps.Run(
            "$certificates | ForEach-Object { $_ | New-EnterpriseCodeSigningCertificate -Connection $(if ($_.Subject -like 'CN=Contoso*') { $contoso } else { $fabrikam }) -Verbose } | ForEach-Object SubjectName; " +
            "Get-EnterpriseCodeSigningCertificate -Connection $contoso | Set-EnterpriseCodeSigningCertificate -Connection $contoso -Status Provisioned -Verbose | ForEach-Object { [string] $_.Status }; " +
            "(Get-EnterpriseCodeSigningCertificate).SubjectName; " +
            "(Get-EnterpriseCodeSigningContext).GraphEndpoint",
            ("certificates", new[] { contosoOne, fabrikamOne, contosoTwo }));

        Assert.Empty(result.Errors);
        Assert.Equal(
            new object[] { "Contoso One", "Fabrikam One", "Contoso Two", "Provisioned", "Provisioned", "Fabrikam One", _fabrikam.BaseUri },
            result.Output.Select(o => o?.BaseObject));
        Assert.Equal(new[] { "Contoso One", "Contoso Two" }, _contoso.Certificates.All.Select(c => c.SubjectName).Order());
        Assert.All(_contoso.Certificates.All, c => Assert.Equal("provisioned", c.Status));
        Assert.Equal("Fabrikam One", Assert.Single(_fabrikam.Certificates.All).SubjectName);
        AssertOnlyOwnToken(_contoso, writes: 4);
        AssertOnlyOwnToken(_fabrikam, writes: 1);
        Assert.DoesNotContain(_contoso.AccessToken, result.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(_fabrikam.AccessToken, result.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_connection_is_refused_with_ConnectionClosed_and_the_current_one_goes_on()
    {
        var result = _ps.Run(
            "Disconnect-EnterpriseCodeSigning -Connection $contoso; " +
            "try { Get-EnterpriseCodeSigningCertificate -Connection $contoso -ErrorAction Stop; 'listed' } catch { $_.FullyQualifiedErrorId; $_.TargetObject.GraphEndpoint; $_.ErrorDetails.RecommendedAction }; " +
            "@(Get-EnterpriseCodeSigningCertificate).Count; " +
            "Disconnect-EnterpriseCodeSigning -Connection $contoso -Verbose; " +
            "(Get-EnterpriseCodeSigningContext).GraphEndpoint");

        Assert.Empty(result.Errors);
        Assert.Equal("ConnectionClosed,CodeSigningCerts.Commands.GetEnterpriseCodeSigningCertificateCommand", result.Output[0].ToString());
        Assert.Equal(_contoso.BaseUri, result.Output[1].BaseObject);
        Assert.Contains("Connect-EnterpriseCodeSigning", result.Output[2].ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (int)result.Output[3].BaseObject);
        Assert.Equal(_fabrikam.BaseUri, result.Output[4].BaseObject);
        Assert.Contains(result.Verbose, v => v.Contains("already closed", StringComparison.Ordinal));
        Assert.Empty(_contoso.Requests.All);
    }

    [Fact]
    public void Disconnecting_the_current_connection_by_value_leaves_the_session_unconnected_and_the_other_connection_open()
    {
        var result = _ps.Run(
            "Get-EnterpriseCodeSigningContext | Disconnect-EnterpriseCodeSigning; " +
            "@(Get-EnterpriseCodeSigningContext).Count; " +
            "@(Get-EnterpriseCodeSigningCertificate -Connection $contoso).Count; " +
            "Get-EnterpriseCodeSigningCertificate");

        Assert.Equal(new object[] { 0, 0 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal(new[] { "NotConnected" }, result.ErrorIds);
        Assert.Single(_contoso.Requests.All);
        Assert.Empty(_fabrikam.Requests.All);
    }

    [Fact]
    public void A_connection_handed_to_another_runspace_works_there_until_it_is_closed_here()
    {
        using var other = new PsSession();
        var contoso = _ps.Run("$contoso").Output.Single();
        _contoso.Certificates.Add(null, subjectName: "Seen From The Other Runspace");

        var before = other.Run("(Get-EnterpriseCodeSigningCertificate -Connection $c).SubjectName; @(Get-EnterpriseCodeSigningContext).Count", ("c", contoso));
        _ps.Run("Disconnect-EnterpriseCodeSigning -Connection $contoso");
        var after = other.Run("Get-EnterpriseCodeSigningCertificate -Connection $c", ("c", contoso));

        Assert.Empty(before.Errors);
        Assert.Equal(new object[] { "Seen From The Other Runspace", 0 }, before.Output.Select(o => o.BaseObject));
        Assert.Equal(new[] { "ConnectionClosed" }, after.ErrorIds);
        Assert.Single(_contoso.Requests.All);
    }

    [Fact]
    public void Tab_completion_of_Id_lists_the_tenant_of_the_Connection_typed()
    {
        var entry = _contoso.Certificates.Add(null, subjectName: "Completed From Contoso");
        _fabrikam.Certificates.Add(null, subjectName: "Current Tenant");

        var result = _ps.Run("$line = 'Remove-EnterpriseCodeSigningCertificate -Connection $contoso -Id '; [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null).CompletionMatches.CompletionText");

        Assert.Equal(new[] { entry.Id }, result.Output.Select(o => o.ToString()));
    }

    /// <summary>Every request <paramref name="graph"/> received carried its own token, and it counted <paramref name="writes"/> writes.</summary>
    private void AssertOnlyOwnToken(GraphEmulatorServer graph, int writes)
    {
        var requests = graph.Requests.All;
        Assert.All(requests, r => Assert.Equal("Bearer " + graph.AccessToken, r.Authorization));
        Assert.All(requests, r => Assert.True(r.ResponseStatus is >= 200 and < 300, r.ToString()));
        Assert.Equal(writes, requests.Count(r => r.Method is "POST" or "PATCH" or "DELETE"));
        var foreign = graph == _contoso ? _fabrikam.AccessToken : _contoso.AccessToken;
        Assert.DoesNotContain(requests, r => r.Headers.Values.Any(v => v.Contains(foreign, StringComparison.Ordinal)));
    }
}
