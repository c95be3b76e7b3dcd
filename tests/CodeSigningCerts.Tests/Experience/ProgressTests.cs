using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Faults;

namespace CodeSigningCerts.Tests.Experience;

/// <summary>
/// New-, Set- and Remove- over many certificates show progress without -Verbose: how many are done and, when the
/// next request waits, why and how long (Graph's Retry-After, Intune's write limit); so does Get-'s listing, with how
/// many it listed. A quick command shows none.
/// </summary>
public sealed class ProgressTests : EmulatedGraphTest
{
    private const string RetryAfterWait = "waiting 2 s: Graph answered 429 Too Many Requests with a Retry-After";

    [Fact]
    public void New_shows_how_many_are_done_and_the_wait_Graphs_Retry_After_asks_for()
    {
        var certificates = CertificateBatch.CodeSigning(3, "Progress New");
        Graph.Faults.Enqueue(Fault.TooManyRequests(2), "POST");

        var result = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Output.Count);
        AssertProgress(result, "Uploading certificates to Intune", "Certificates handled: 0; " + RetryAfterWait);
        Assert.All(result.Progress, p => Assert.Equal(2, p.ActivityId));
    }

    [Fact]
    public void Gets_listing_says_how_far_it_got_each_time_it_waits_and_Get_by_id_shows_no_bar()
    {
        var stored = Graph.Certificates.Add(null, subjectName: "Progress Get");
        Graph.Faults.Enqueue(Fault.TooManyRequests(1), "GET");
        Graph.Faults.Enqueue(Fault.TooManyRequests(1), "GET");

        var listed = Ps.Run("Get-EnterpriseCodeSigningCertificate");
        Graph.Faults.Enqueue(Fault.TooManyRequests(1), "GET");
        var sentBefore = Graph.Requests.Count;
        var byId = Ps.Run("Get-EnterpriseCodeSigningCertificate -Id $id", ("id", stored.Id));
        var byIdRequests = Graph.Requests.All.Skip(sentBefore).ToList();

        Assert.Single(listed.Output);
        var waits = listed.Progress.Where(p => p.StatusDescription.Contains("waiting", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, waits.Count);
        Assert.All(waits, p => Assert.Equal("0 listed so far; waiting 1 s: Graph answered 429 Too Many Requests with a Retry-After", p.StatusDescription));
        Assert.All(listed.Progress, p => Assert.Equal(1, p.ActivityId));
        Assert.Equal(ProgressRecordType.Completed, listed.Progress[^1].RecordType);
        Assert.Single(byId.Output);
        // The -Id GET met its 429 and waited it out before the answer: it waited, yet showed no bar.
        Assert.Equal(new[] { 429, 200 }, byIdRequests.Select(r => r.ResponseStatus));
        Assert.All(byIdRequests, r => Assert.Contains(stored.Id, r.Path, StringComparison.Ordinal));
        Assert.Empty(byId.Progress);
    }

    [Fact]
    public void Remove_shows_the_wait_between_certificates()
    {
        var result = RunOverThreeStored("Progress Remove", "DELETE", "Get-EnterpriseCodeSigningCertificate | Remove-EnterpriseCodeSigningCertificate -Confirm:$false");

        Assert.Empty(Graph.Certificates.All);
        AssertProgress(result, "Removing Intune enterprise code-signing certificates", "Certificates handled: 0; " + RetryAfterWait);
    }

    [Fact]
    public void Set_shows_the_wait_between_certificates()
    {
        var result = RunOverThreeStored("Progress Set", "PATCH", "Get-EnterpriseCodeSigningCertificate | Set-EnterpriseCodeSigningCertificate -Status Provisioned");

        Assert.Equal(3, result.Output.Count);
        AssertProgress(result, "Updating Intune enterprise code-signing certificates", "Certificates handled: 0; " + RetryAfterWait);
    }

    [Fact]
    public void A_quick_command_shows_no_progress()
    {
        var certificates = CertificateBatch.CodeSigning(3, "Progress Quick");

        var result = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate | Remove-EnterpriseCodeSigningCertificate -Confirm:$false", ("certs", certificates));

        Assert.Empty(result.Errors);
        Assert.Empty(result.Progress);
    }

    [Fact]
    public void Nothing_is_shown_when_ProgressPreference_is_SilentlyContinue()
    {
        var certificates = CertificateBatch.CodeSigning(2, "Progress Silent");
        Graph.Faults.Enqueue(Fault.TooManyRequests(2), "POST");

        var result = Ps.Run("$ProgressPreference = 'SilentlyContinue'; $certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));

        Assert.Equal(2, result.Output.Count);
        Assert.Empty(result.Progress);
    }

    /// <summary>Three certificates already in Intune, a 429 for the first <paramref name="method"/>, and the script run over them without errors.</summary>
    private PsResult RunOverThreeStored(string subjectPrefix, string method, string script)
    {
        foreach (var i in Enumerable.Range(1, 3))
        {
            Graph.Certificates.Add(null, subjectName: subjectPrefix + " " + i);
        }

        Graph.Faults.Enqueue(Fault.TooManyRequests(2), method);
        var result = Ps.Run(script);
        Assert.Empty(result.Errors);
        return result;
    }

    private static void AssertProgress(PsResult result, string activity, string waiting)
    {
        var records = result.Progress.Where(p => p.Activity == activity).ToList();
        var shown = string.Join("\n", result.Progress.Select(p => p.Activity + " | " + p.StatusDescription + " | " + p.RecordType));
        Assert.True(records.Any(p => p.StatusDescription == waiting && p.RecordType == ProgressRecordType.Processing), "Expected '" + waiting + "' in:\n" + shown);
        Assert.Equal(ProgressRecordType.Completed, records[^1].RecordType);
    }
}
