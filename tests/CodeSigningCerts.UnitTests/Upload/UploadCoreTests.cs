using CodeSigningCerts.Certificates;
using Microsoft.Extensions.Time.Testing;

namespace CodeSigningCerts.UnitTests.Upload;

/// <summary>
/// The upload core of New-EnterpriseCodeSigningCertificate against Graph in memory, in virtual time: what a command
/// sends, what it waits for (only its own lost answers), and what a re-run says.
/// </summary>
public sealed class UploadCoreTests : IDisposable
{
    private readonly SteppingTime _time = new();
    private readonly FakeGraph _graph;
    private readonly List<IDisposable> _owned = [];

    public UploadCoreTests()
    {
        // The service's listing shows a new entry about a second late; the emulator's default does the same.
        _graph = new FakeGraph(_time) { ListingLag = TimeSpan.FromSeconds(1) };
    }

    [Fact]
    public async Task A_new_certificate_costs_one_listing_before_its_POST_and_no_wait()
    {
        var certificate = Certificate("CN=New One");
        var started = _time.GetUtcNow();

        // The clock does not move: an upload that waited for anything (the listing to catch up) would never end.
        var upload = Run().Start(certificate);

        var outcome = await upload.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(outcome.Created);
        Assert.Equal(new[] { "GET", "POST" }, _graph.Requests.Select(r => r.Method));
        Assert.Equal(started, _time.GetUtcNow());
    }

    [Fact]
    public void A_re_run_outputs_the_entry_already_there_with_one_warning_and_sends_no_write()
    {
        var certificate = Certificate("CN=Daily");
        var first = Run().Upload(certificate);
        _time.Advance(TimeSpan.FromDays(1));
        _graph.Requests.Clear();
        var rerun = Run();

        var again = rerun.Upload(certificate);

        Assert.False(again.Created);
        Assert.Null(again.Problem);
        Assert.Equal(first.Entry!.Id, again.Entry!.Id);
        Assert.Equal(certificate.Thumbprint, again.Entry.Thumbprint);
        var warning = Assert.Single(rerun.Warnings);
        Assert.Contains("already uploaded", warning, StringComparison.Ordinal);
        Assert.Contains(first.Entry.Id!, warning, StringComparison.Ordinal);
        Assert.Equal(new[] { "GET" }, _graph.Requests.Select(r => r.Method));
    }

    [Fact]
    public void Each_command_reads_the_tenant_afresh_and_sees_a_removal_made_elsewhere()
    {
        // Both commands on one connection, as in one session: the connection is what lives from one command to the next,
        // so a tenant kept there (or a listing answered from a cache) would hide the removal. The removal is made over
        // another connection, as another tool would.
        using var session = _graph.Connect(_time);
        var certificate = Certificate("CN=Removed Elsewhere");
        var first = Run(connection: session).Upload(certificate);
        using (var elsewhere = Run())
        {
            // Removed with another tool: the next command must upload it again, not refuse it from memory.
            VirtualTime.Run(_time, async () => { await ApiOf(elsewhere).DeleteAsync(first.Entry!.Id!, null, CancellationToken.None); return true; }, activity: () => _graph.RequestCount);
        }

        // Past the listing's lag: the entry would show now, had it not been removed.
        _time.Advance(TimeSpan.FromSeconds(2));
        var next = Run(connection: session);
        var again = next.Upload(certificate);

        Assert.True(first.Created);
        Assert.True(again.Created);
        Assert.Empty(next.Warnings);
        Assert.Equal(1, _graph.Count);
        Assert.Equal(new[] { "GET", "POST", "DELETE", "GET", "POST" }, _graph.Requests.Select(r => r.Method));
    }

    [Fact]
    public void A_pipeline_lists_the_tenant_once_for_all_its_certificates()
    {
        var run = Run();
        foreach (var name in new[] { "CN=One", "CN=Two", "CN=Three" })
        {
            Assert.True(run.Upload(Certificate(name)).Created);
        }

        Assert.Single(_graph.Requests, r => r.Method == "GET");
        Assert.Equal(3, _graph.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public void The_same_certificate_twice_in_one_pipeline_is_uploaded_once_although_the_listing_lags()
    {
        var certificate = Certificate("CN=Twice In One Pipeline");
        var run = Run();

        var first = run.Upload(certificate);
        var second = run.Upload(certificate);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Entry!.Id, second.Entry!.Id);
        Assert.Equal(1, _graph.Count);
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("504")]
    public void A_lost_answer_whose_upload_shows_late_in_the_listing_leaves_one_entry(string fault)
    {
        // The listing shows the entry a few looks after the answer was lost, well inside the allowance.
        _graph.ListingLag = TimeSpan.FromSeconds(2);
        if (fault == "reset")
        {
            _graph.Next(SoakFault.ResetAfterProcessing, "POST");
        }
        else
        {
            _graph.Next(SoakFault.GatewayTimeoutAfterProcessing, "POST");
        }

        var run = Run();

        var outcome = run.Upload(Certificate("CN=Lost Answer"));

        Assert.True(outcome.Created);
        Assert.Equal(1, _graph.Count);
        Assert.Single(_graph.Requests, r => r.Method == "POST");
        Assert.Equal((string?)_graph.Entries[0]["id"], outcome.Entry!.Id);
        Assert.True(_graph.Requests.Count(r => r.Method == "GET") > 2, "the listing was looked at again until the entry showed");
        Assert.Contains(run.Verbose, v => v.Contains("Graph had created", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lost_answer_that_no_listing_shows_within_the_allowance_is_sent_again_with_its_first_time_stamp()
    {
        _graph.Next(SoakFault.GatewayTimeoutBeforeProcessing, "POST");

        var outcome = Run().Upload(Certificate("CN=Never Stored"));

        Assert.True(outcome.Created);
        Assert.Equal(1, _graph.Count);
        var posts = _graph.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        Assert.True(posts[1].At - posts[0].At >= ListingLag.Allowance, "sent again before the allowance passed");
        // The entry the second POST made carries the first POST's stamp (to the second, as the body writes it).
        var stamp = DateTimeOffset.Parse((string)_graph.Entries[0]["uploadDateTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stamp, posts[0].At.AddSeconds(-1), posts[0].At);
    }

    [Theory]
    [InlineData(SoakFault.ResetBeforeProcessing)]
    [InlineData(SoakFault.GatewayTimeoutBeforeProcessing)]
    [InlineData(SoakFault.HtmlBody)]
    [InlineData(SoakFault.SlowResponse)]
    public void Every_kind_of_lost_answer_to_an_upload_never_carried_out_ends_in_one_entry(SoakFault fault)
    {
        var run = new UploadRun(_graph, _time, requestTimeout: TimeSpan.FromSeconds(3));
        _owned.Add(run);
        _graph.Next(fault, "POST");

        var outcome = run.Upload(Certificate("CN=Lost " + fault));

        Assert.True(outcome.Created, outcome.Problem?.Failure?.Message);
        Assert.Equal(1, _graph.Count);
        Assert.Equal(2, _graph.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(fault, _graph.FaultsApplied.Single());
        Assert.Contains(run.Verbose, v => v.Contains("Graph has not created", StringComparison.Ordinal));
    }

    [Fact]
    public void With_Force_an_identical_entry_already_there_is_not_taken_for_the_one_whose_answer_was_lost()
    {
        var certificate = Certificate("CN=Second Copy");
        var first = _graph.Add(certificate, _time.GetUtcNow() - TimeSpan.FromDays(1));
        _graph.Next(SoakFault.GatewayTimeoutBeforeProcessing, "POST");

        var outcome = Run(force: true).Upload(certificate);

        Assert.Equal(2, _graph.Count);
        Assert.NotEqual(first, outcome.Entry!.Id);
        Assert.Equal(2, _graph.Requests.Count(r => r.Method == "POST"));
    }

    [Fact]
    public void A_copy_made_after_a_listing_lagged_past_the_allowance_is_removed_by_the_next_run()
    {
        _graph.ListingLag = TimeSpan.FromSeconds(15);
        _graph.Next(SoakFault.ResetAfterProcessing, "POST");
        var certificate = Certificate("CN=Lag Past Allowance");
        Run().Upload(certificate);
        Assert.Equal(2, _graph.Count);
        Assert.Equal(_graph.Entries[0]["uploadDateTime"]!.ToString(), _graph.Entries[1]["uploadDateTime"]!.ToString());
        _time.Advance(TimeSpan.FromSeconds(20));
        var next = Run();

        var outcome = next.Upload(certificate);

        Assert.Equal(1, _graph.Count);
        Assert.Equal("id-0001", outcome.Entry!.Id);
        Assert.Contains(next.Warnings, w => w.Contains("kept", StringComparison.Ordinal) && w.Contains("id-0001", StringComparison.Ordinal) && w.Contains("removed", StringComparison.Ordinal) && w.Contains("id-0002", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_runs_at_the_same_moment_then_a_third_leave_one_entry_per_certificate()
    {
        var certificates = new[] { Certificate("CN=Race A"), Certificate("CN=Race B"), Certificate("CN=Race C") };
        var first = Run();
        var second = Run();
        foreach (var certificate in certificates)
        {
            first.Upload(certificate);
        }

        // The second run listed within the lag of the first's uploads: it saw none of them.
        foreach (var certificate in certificates)
        {
            Assert.True(second.Upload(certificate).Created);
        }

        Assert.Equal(6, _graph.Count);
        _time.Advance(TimeSpan.FromSeconds(2));
        var third = Run();

        var outcomes = certificates.Select(third.Upload).ToList();

        Assert.Equal(3, _graph.Count);
        Assert.All(outcomes, o => Assert.Null(o.Problem));
        Assert.Equal(new[] { "id-0001", "id-0002", "id-0003" }, outcomes.Select(o => o.Entry!.Id));
        Assert.Equal(3, third.Warnings.Count(w => w.Contains("removed", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_look_alike_uploaded_at_another_time_is_left_with_a_warning()
    {
        var certificate = Certificate("CN=Forced Copy");
        Run().Upload(certificate);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(Run(force: true).Upload(certificate).Created);
        _time.Advance(TimeSpan.FromSeconds(2));
        var next = Run();

        var outcome = next.Upload(certificate);

        Assert.Equal(2, _graph.Count);
        Assert.Equal("id-0001", outcome.Entry!.Id);
        Assert.DoesNotContain(_graph.Requests, r => r.Method == "DELETE");
        Assert.Contains(next.Warnings, w => w.Contains("left as it is", StringComparison.Ordinal) && w.Contains("id-0002", StringComparison.Ordinal));
    }

    [Fact]
    public void WhatIf_sends_no_write_and_shows_the_copies_it_would_remove()
    {
        var certificate = Certificate("CN=What If");
        var uploadedAt = _time.GetUtcNow() - TimeSpan.FromMinutes(1);
        _graph.Add(certificate, uploadedAt);
        _graph.Add(certificate, uploadedAt + TimeSpan.FromSeconds(1));
        var run = Run();
        run.Answer = Consent.WhatIf;

        run.Upload(certificate);
        run.Upload(Certificate("CN=What If New"));

        Assert.Equal(2, _graph.Count);
        Assert.DoesNotContain(_graph.Requests, r => r.Method != "GET");
        Assert.Contains(run.Asked, a => a.Target.Contains("id-0002", StringComparison.Ordinal) && a.Action.StartsWith("Remove the copy", StringComparison.Ordinal));
        Assert.Contains(run.Asked, a => a.Action.StartsWith("Upload", StringComparison.Ordinal));
    }

    [Fact]
    public void RemoveSuperseded_rolls_a_renewal_over_and_then_skips_the_older_certificate_with_a_warning()
    {
        var old = Certificate("CN=Contoso Signing", days: 30);
        var renewal = Certificate("CN=Contoso Signing", days: 365);
        _graph.Add(old, _time.GetUtcNow() - TimeSpan.FromDays(300));

        var rolled = Run(removeSuperseded: true).Upload(renewal);
        _time.Advance(TimeSpan.FromDays(1));
        var nextDay = Run(removeSuperseded: true);
        var oldAgain = nextDay.Upload(old);

        Assert.True(rolled.Created);
        Assert.Empty(rolled.RemovalProblems);
        Assert.Equal(1, _graph.Count);
        Assert.Equal(rolled.Entry!.Id, (string?)_graph.Entries[0]["id"]);
        Assert.Null(oldAgain.Entry);
        Assert.Null(oldAgain.Problem);
        Assert.Contains(nextDay.Warnings, w => w.Contains("superseded by", StringComparison.Ordinal) && w.Contains(rolled.Entry.Id!, StringComparison.Ordinal));
        Assert.Single(_graph.Requests, r => r.Method == "POST");
    }

    [Fact]
    public void A_re_run_with_RemoveSuperseded_finishes_a_roll_over_whose_removal_was_left()
    {
        var old = Certificate("CN=Fabrikam Signing", days: 30);
        var renewal = Certificate("CN=Fabrikam Signing", days: 365);
        _graph.Add(old, _time.GetUtcNow() - TimeSpan.FromDays(300));
        _graph.Add(renewal, _time.GetUtcNow() - TimeSpan.FromDays(1));

        var outcome = Run(removeSuperseded: true).Upload(renewal);

        Assert.False(outcome.Created);
        Assert.Equal(1, _graph.Count);
        Assert.Equal("id-0002", (string?)_graph.Entries[0]["id"]);
    }

    // Content null on reads: the entry is known by its names and expiry, however the service spelled the names.
    [Theory]
    [InlineData("O=Contoso Ltd, CN=Contoso Signing")]
    [InlineData("/O=Contoso Ltd/CN=Contoso Signing")]
    [InlineData("cn = contoso   signing ,o=CONTOSO LTD")]
    public void A_re_run_finds_the_entry_whose_subject_and_issuer_the_service_spelled_otherwise_and_sends_no_write(string spelling)
    {
        var certificate = Certificate("CN=Contoso Signing, O=Contoso Ltd");
        var id = _graph.Add(certificate, _time.GetUtcNow() - TimeSpan.FromDays(1), subject: spelling, issuer: spelling);
        var rerun = Run();

        var again = rerun.Upload(certificate);

        Assert.False(again.Created);
        Assert.Equal(id, again.Entry!.Id);
        Assert.Contains("already uploaded", Assert.Single(rerun.Warnings), StringComparison.Ordinal);
        Assert.Equal(new[] { "GET" }, _graph.Requests.Select(r => r.Method));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_new_certificate_is_uploaded_without_error_into_a_tenant_whose_names_are_no_DN(bool removeSuperseded)
    {
        var certificate = Certificate("CN=New Among Strangers");
        string[] names = ["not a distinguished name", "CN=\"unclosed", "=value", "CN=a,,O=b", "/", "#", "CN=#zz", "   ", "O=b, CN", "CN=\\"];
        foreach (var (name, i) in names.Select((name, i) => (name, i)))
        {
            // Every other entry shares the new certificate's expiry, so its names are read.
            _graph.Add(i % 2 == 0 ? certificate : Certificate("CN=Other", days: 100 + i), _time.GetUtcNow() - TimeSpan.FromDays(1), subject: name, issuer: name);
        }

        var run = Run(removeSuperseded: removeSuperseded);
        var outcome = run.Upload(certificate);

        Assert.True(outcome.Created, outcome.Problem?.Failure?.Message);
        Assert.Empty(outcome.RemovalProblems);
        Assert.Empty(run.Warnings);
        Assert.Equal(names.Length + 1, _graph.Count);
        Assert.Equal(new[] { "GET", "POST" }, _graph.Requests.Select(r => r.Method));
    }

    [Fact]
    public void RemoveSuperseded_after_removals_and_uploads_in_the_same_command_removes_exactly_the_entries_superseded()
    {
        var old = Certificate("CN=Woodgrove Signing", days: 30);
        var middle = Certificate("CN=Woodgrove Signing", days: 200);
        var renewal = Certificate("CN=Woodgrove Signing", days: 365);
        var uploadedAt = _time.GetUtcNow() - TimeSpan.FromDays(300);
        var kept = _graph.Add(old, uploadedAt);
        var copy = _graph.Add(old, uploadedAt + TimeSpan.FromSeconds(1));
        var run = Run(removeSuperseded: true);

        // The old certificate first: its race copy is removed before any entry is kept by subject.
        var oldThere = run.Upload(old);
        // The renewal: uploaded, and the old entry (not its copy, gone already) removed.
        var rolled = run.Upload(renewal);
        // Both superseded by the renewal this command uploaded: neither is uploaded, nor taken for there already.
        var middleSkipped = run.Upload(middle);
        var oldSkipped = run.Upload(old);

        Assert.False(oldThere.Created);
        Assert.Empty(oldThere.RemovalProblems);
        Assert.True(rolled.Created);
        Assert.Empty(rolled.RemovalProblems);
        Assert.Null(middleSkipped.Entry);
        Assert.Null(oldSkipped.Entry);
        Assert.Equal(new[] { copy, kept }, _graph.Requests.Where(r => r.Method == "DELETE").Select(r => r.Path.Substring(r.Path.LastIndexOf('/') + 1)));
        Assert.Single(_graph.Requests, r => r.Method == "POST");
        Assert.Equal(rolled.Entry!.Id, (string?)Assert.Single(_graph.Entries)["id"]);
        Assert.Equal(2, run.Warnings.Count(w => w.Contains("superseded by", StringComparison.Ordinal) && w.Contains(rolled.Entry.Id!, StringComparison.Ordinal)));
    }

    [Fact]
    public void RemoveSuperseded_counts_an_older_entry_removed_elsewhere_during_the_command_as_removed()
    {
        var old = Certificate("CN=Northwind Signing", days: 30);
        var renewal = Certificate("CN=Northwind Signing", days: 365);
        var oldId = _graph.Add(old, _time.GetUtcNow() - TimeSpan.FromDays(300));
        var run = Run(removeSuperseded: true);
        Assert.True(run.Upload(Certificate("CN=Listed First")).Created);
        using (var elsewhere = Run())
        {
            // Removed with another tool after this command listed the tenant: its DELETE meets a 404.
            VirtualTime.Run(_time, async () => { await ApiOf(elsewhere).DeleteAsync(oldId, null, CancellationToken.None); return true; }, activity: () => _graph.RequestCount);
        }

        var rolled = run.Upload(renewal);

        Assert.True(rolled.Created);
        Assert.Empty(rolled.RemovalProblems);
        Assert.Equal(2, _graph.Requests.Count(r => r.Method == "DELETE"));
        Assert.Contains(run.Verbose, v => v.Contains("Removed the superseded", StringComparison.Ordinal) && v.Contains(oldId, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _graph.Dispose();
    }

    private UploadRun Run(bool force = false, bool removeSuperseded = false, Engine.CertificateApi? connection = null)
    {
        var run = new UploadRun(_graph, _time, force, removeSuperseded, connection: connection);
        _owned.Add(run);
        return run;
    }

    private X509Certificate2 Certificate(string subject, int days = 200)
    {
        var certificate = MadeCertificates.Quick(subject, DateTimeOffset.UtcNow.AddDays(days));
        _owned.Add(certificate);
        return certificate;
    }

    private static Engine.CertificateApi ApiOf(UploadRun run) => run.Api;
}
