using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator;
using GraphEmulator.Faults;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>A long pipeline paces its writes under Intune's real limit (100 per 20 s per app and tenant) instead of running into 429s.</summary>
public sealed class WriteLimitTests : EmulatedGraphTest
{
    protected override EmulatorOptions? EmulatorOptions => new() { EnforceLimits = true };

    // 200: twice the 100 writes the module sends per 20 s window, so the second hundred goes out slot by slot as the
    // first hundred's slots free, each checked by the emulator's sliding window of 100: pacing, not one burst. Each
    // further hundred would only add 20 s of waiting.
    private const int Count = 200;

    [Fact]
    public void Two_hundred_certificates_in_one_pipeline_meet_no_429_at_Intunes_real_write_limit()
    {
        var certificates = CertificateBatch.CodeSigning(Count, "Paced");

        var result = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate -Verbose", ("certs", certificates));

        Assert.Empty(result.Errors);
        Assert.Equal(Count, result.Output.Count);
        Assert.Equal(Count, Graph.Certificates.Count);
        Assert.DoesNotContain(Graph.Requests.All, r => r.ResponseStatus == 429);
        Assert.Equal(Count, CertificateRequests("POST").Count);
        Assert.Contains(result.Verbose, v => v.StartsWith("Pacing writes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_write_that_reaches_Graph_late_is_counted_as_Graph_counts_it_and_the_next_meets_no_429()
    {
        // Two writes per 20 s on both sides. The first upload reaches the service 3 s after it was sent (the emulator
        // holds it before its limiter stamps it), so Graph counts it from then: the third upload must wait 20 s from
        // then, not from the moment it was sent, or Graph throttles it.
        Graph.Options.WriteLimit = 2;
        Ps.Connect(Graph.BaseUri, Graph.AccessToken, "-WriteLimit 2");
        Graph.Faults.Enqueue(Fault.SlowResponse(3000), "POST");
        var certificates = CertificateBatch.CodeSigning(3, "Late Arrival");

        var result = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Output.Count);
        Assert.DoesNotContain(Graph.Requests.All, r => r.ResponseStatus == 429);
        Assert.Equal(3, CertificateRequests("POST").Count);
    }
}
