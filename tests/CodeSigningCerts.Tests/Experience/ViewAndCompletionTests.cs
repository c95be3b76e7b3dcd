using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator;
using GraphEmulator.Faults;

namespace CodeSigningCerts.Tests.Experience;

/// <summary>What a user sees on screen, what Tab offers, and what -Verbose says.</summary>
public sealed class ViewAndCompletionTests : IAsyncLifetime
{
    private GraphEmulatorServer _graph = null!;
    private TestHost _host = null!;
    private PsSession _ps = null!;

    public async Task InitializeAsync()
    {
        _graph = await GraphEmulatorServer.StartAsync();
        _host = new TestHost();
        _ps = new PsSession(host: _host);
        _ps.Connect(_graph.BaseUri, _graph.AccessToken);
    }

    public async Task DisposeAsync()
    {
        _ps.Dispose();
        await _graph.DisposeAsync();
    }

    [Fact]
    public void The_default_view_is_a_table_of_subject_status_expiry_days_left_and_id()
    {
        using var certificate = TestCertificates.CodeSigning("Table View Signer", validDays: 100);
        var stored = _graph.Certificates.Add(certificate);

        var result = _ps.Run("Get-EnterpriseCodeSigningCertificate | Out-Default");

        Assert.Empty(result.Errors);
        // The console's own rendering, less the ANSI colour of the header.
        var lines = _host.Lines.SelectMany(l => l.Split('\n')).Select(l => System.Text.RegularExpressions.Regex.Replace(l, "\u001b\\[[0-9;]*m", string.Empty).TrimEnd()).Where(l => l.Length > 0).ToList();
        var header = lines.SingleOrDefault(l => l.StartsWith("SubjectName", StringComparison.Ordinal));
        Assert.True(header is not null, string.Join("\n", lines));
        Assert.Equal(new[] { "SubjectName", "Status", "ExpirationDateTime", "DaysLeft", "Id" }, header.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var row = lines.Single(l => l.StartsWith("Table View Signer", StringComparison.Ordinal));
        Assert.Contains("NotProvisioned", row, StringComparison.Ordinal);
        Assert.Contains(" 99 ", row, StringComparison.Ordinal);
        Assert.EndsWith(stored.Id, row, StringComparison.Ordinal);
    }

    [Fact]
    public void Tab_completes_Id_with_the_tenants_ids()
    {
        var first = _graph.Certificates.Add(null, subjectName: "Completion One");
        var second = _graph.Certificates.Add(null, subjectName: "Completion Two");

        var result = _ps.Run("$line = 'Get-EnterpriseCodeSigningCertificate -Id '; [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null).CompletionMatches");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), result.Output.Select(o => o.Text("CompletionText")!).Order());
        Assert.Contains(result.Output, o => o.Text("ToolTip") == "Completion One");
    }

    [Fact]
    public void Tab_completes_Status_by_name()
    {
        var result = _ps.Run("$line = 'New-EnterpriseCodeSigningCertificate -Status P'; [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null).CompletionMatches.CompletionText");

        Assert.Equal(new[] { "Provisioned" }, result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Verbose_says_one_line_per_request_with_method_path_status_duration_and_request_id()
    {
        _graph.Certificates.Add(null, subjectName: "Verbose");

        var result = _ps.Run("Get-EnterpriseCodeSigningCertificate -Verbose");

        var line = Assert.Single(result.Verbose);
        Assert.Matches(@"^GET /beta/deviceAppManagement/enterpriseCodeSigningCertificates -> 200 in \d+ ms \(request-id [0-9a-f-]{36}\)$", line);
    }

    [Fact]
    public void ExpiringWithin_returns_exactly_the_certificates_expiring_in_the_window_and_Expired_the_expired_ones()
    {
        var now = DateTimeOffset.UtcNow;
        var in5 = _graph.Certificates.Add(null, subjectName: "In 5 days", expirationDateTime: now.AddDays(5));
        var in29 = _graph.Certificates.Add(null, subjectName: "In 29 days", expirationDateTime: now.AddDays(29.9));
        _graph.Certificates.Add(null, subjectName: "In 31 days", expirationDateTime: now.AddDays(31));
        var gone = _graph.Certificates.Add(null, subjectName: "Expired", expirationDateTime: now.AddDays(-3));

        var expiring = _ps.Run("Get-EnterpriseCodeSigningCertificate -ExpiringWithin 30.00:00:00");
        var expired = _ps.Run("Get-EnterpriseCodeSigningCertificate -Expired");
        var both = _ps.Run("Get-EnterpriseCodeSigningCertificate -Expired -ExpiringWithin 7.00:00:00");

        Assert.Equal(new[] { in5.Id, in29.Id }.Order(), expiring.Output.Select(o => o.Text("Id")!).Order());
        Assert.Equal(new[] { gone.Id }, expired.Output.Select(o => o.Text("Id")));
        Assert.Equal(new[] { in5.Id, gone.Id }.Order(), both.Output.Select(o => o.Text("Id")!).Order());
    }

    [Fact]
    public void A_listing_that_takes_more_than_a_moment_shows_progress_and_completes_it()
    {
        _graph.Options.PageSize = 1;
        for (var i = 0; i < 5; i++)
        {
            _graph.Certificates.Add(null, subjectName: "Slow page " + i);
            _graph.Faults.Enqueue(Fault.SlowResponse(400), "GET");
        }

        var result = _ps.Run("Get-EnterpriseCodeSigningCertificate");

        Assert.Equal(5, result.Output.Count);
        Assert.NotEmpty(result.Progress);
        Assert.Contains(result.Progress, p => p.StatusDescription.EndsWith("listed so far", StringComparison.Ordinal));
        Assert.Equal(System.Management.Automation.ProgressRecordType.Completed, result.Progress[^1].RecordType);
    }

    [Fact]
    public void A_quick_listing_shows_no_progress()
    {
        _graph.Certificates.Add(null, subjectName: "Quick");

        var result = _ps.Run("Get-EnterpriseCodeSigningCertificate");

        Assert.Empty(result.Progress);
    }
}
