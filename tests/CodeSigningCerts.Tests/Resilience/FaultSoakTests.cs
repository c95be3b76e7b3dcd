using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Faults;
using Xunit.Abstractions;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>
/// Nothing lost, nothing duplicated: one pipeline of 100 certificates while a fifth of all requests fail
/// in every way Graph and the network can.
/// </summary>
public sealed class FaultSoakTests(ITestOutputHelper output) : EmulatedGraphTest
{
    // Short enough to keep the soak quick, long enough that an ordinary answer on a busy two-core machine is not lost.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    // Every kind a request can meet on its way, with short waits: the soak must stay quick on two cores.
    // 100, not 200: every lost upload that Graph never created now waits out the listing lag (up to 10 s) before it
    // is sent again, and 100 still draws every fault kind (asserted below) with this seed.
    private const int SoakSize = 100;

    private static readonly Fault[] EveryFault =
    [
        Fault.TooManyRequests(1),
        Fault.TooManyRequestsHttpDate(1),
        Fault.TooManyRequestsNoRetryAfter(),
        Fault.ServiceUnavailable(),
        Fault.ServiceUnavailable(1),
        Fault.GatewayTimeout(),
        Fault.ResetBeforeProcessing(),
        Fault.ResetAfterProcessing(),
        Fault.SlowResponse(4000), // beyond the -RequestTimeout: the attempt times out
        Fault.MalformedJson(),
        Fault.HtmlBody(),
    ];

    [Fact]
    public void A_hundred_certificates_under_random_faults_each_end_as_one_created_resource_or_one_error_and_none_is_duplicated()
    {
        var certificates = CertificateBatch.CodeSigning(SoakSize, "Soak");
        Ps.Connect(Graph.BaseUri, Graph.AccessToken, "-RequestTimeout " + RequestTimeout.ToString("c"));
        Graph.Faults.UseRandom(seed: 4004, probability: 0.2, EveryFault);

        var result = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate", ("certs", certificates));

        Graph.Faults.Clear();
        var created = result.Output.Select(o => o.Text("Thumbprint")!).ToList();
        var failed = result.Errors.Select(e => Assert.IsType<X509Certificate2>(e.TargetObject).Thumbprint).ToList();
        var stored = Graph.Certificates.All.Select(s => Convert.ToHexString(SHA1.HashData(s.Content!))).ToList();
        var requests = Graph.Requests.All;
        output.WriteLine($"{created.Count} created, {failed.Count} errors ({string.Join(", ", result.ErrorIds.Distinct())}), {requests.Count} requests, {requests.Count(r => r.FaultApplied is not null)} faults");

        // Every input ends exactly once: as a created resource or as an error about it.
        Assert.Equal(SoakSize, created.Count + failed.Count);
        Assert.Equal(certificates.Select(c => c.Thumbprint).Order(), created.Concat(failed).Order());

        // The tenant holds exactly what was reported created: no duplicate, nothing created behind an error.
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Equal(created.Order(), stored.Order());

        // Nothing is lost either: a proxy's 502 page in place of an upload's answer is a lost answer like any other,
        // looked for and sent again (it was an error before the module treated 502/504 after a POST so).
        Assert.Empty(result.Errors);

        // Not vacuous: every kind of fault happened, and no retry came before its Retry-After.
        Assert.Equal(
            EveryFault.Select(f => f.Kind.ToString()).Distinct().Order(),
            requests.Select(r => r.FaultApplied).OfType<string>().Distinct().Order());
        // (An attempt that timed out before its 429 was written never saw that Retry-After.)
        var seen = Graph.Requests.ThrottleGaps().Where(g => g.Throttled.RespondedAt - g.Throttled.ReceivedAt < RequestTimeout).ToList();
        Assert.NotEmpty(seen);
        Assert.All(seen, gap => Assert.False(gap.IsEarly, gap.ToString()));
    }
}
