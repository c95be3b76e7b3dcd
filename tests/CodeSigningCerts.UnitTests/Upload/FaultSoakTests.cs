using CodeSigningCerts.Certificates;
using Microsoft.Extensions.Time.Testing;

namespace CodeSigningCerts.UnitTests.Upload;

/// <summary>
/// Nothing lost, nothing duplicated: one command of 100 certificates while a fifth of all requests fail in every way
/// Graph and the network can, in virtual time (each lost upload that Graph never created waits out the listing
/// allowance before it is sent again: minutes of real waiting, here milliseconds).
/// </summary>
public sealed class FaultSoakTests : IDisposable
{
    private const int SoakSize = 100;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FakeGraph _graph;
    private readonly List<X509Certificate2> _certificates;

    public FaultSoakTests()
    {
        _graph = new FakeGraph(_time) { ListingLag = TimeSpan.FromSeconds(1) };
        _certificates = Enumerable.Range(0, SoakSize).Select(i => MadeCertificates.Quick("CN=Soak " + i, DateTimeOffset.UtcNow.AddDays(100))).ToList();
    }

    [Fact]
    public void A_hundred_certificates_under_random_faults_each_end_as_one_entry_and_none_is_duplicated()
    {
        using var run = new UploadRun(_graph, _time, requestTimeout: TimeSpan.FromSeconds(3));
        _graph.UseRandomFaults(seed: 4004, probability: 0.2);

        var outcomes = _certificates.Select(run.Upload).ToList();

        _graph.StopRandomFaults();
        // Every input ends as the entry created for it, and the tenant holds exactly those: none lost, none twice.
        Assert.All(outcomes, o => Assert.Null(o.Problem));
        Assert.Equal(_certificates.Select(c => c.Thumbprint), outcomes.Select(o => o.Entry!.Thumbprint));
        Assert.Equal(SoakSize, _graph.Count);
        Assert.Equal(outcomes.Select(o => o.Entry!.Id).Order(), _graph.Entries.Select(e => (string?)e["id"]).Order());
        // Not vacuous: every kind of fault happened.
        Assert.Equal(Enum.GetValues<SoakFault>().Order(), _graph.FaultsApplied.Distinct().Order());
    }

    public void Dispose()
    {
        _certificates.ForEach(c => c.Dispose());
        _graph.Dispose();
    }
}
