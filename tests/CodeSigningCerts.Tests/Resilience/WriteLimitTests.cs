using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>A long pipeline paces its writes under Intune's real limit (100 per 20 s per app and tenant) instead of running into 429s.</summary>
public sealed class WriteLimitTests : EmulatedGraphTest
{
    protected override EmulatorOptions? EmulatorOptions => new() { EnforceLimits = true };

    [Fact]
    public void Three_hundred_certificates_in_one_pipeline_meet_no_429_at_Intunes_real_write_limit()
    {
        var certificates = CertificateBatch.CodeSigning(300, "Paced");

        var result = Ps.Run("$certs | New-EnterpriseCodeSigningCertificate -Verbose", ("certs", certificates));

        Assert.Empty(result.Errors);
        Assert.Equal(300, result.Output.Count);
        Assert.Equal(300, Graph.Certificates.Count);
        Assert.DoesNotContain(Graph.Requests.All, r => r.ResponseStatus == 429);
        Assert.Equal(300, CertificateRequests("POST").Count);
        Assert.Contains(result.Verbose, v => v.StartsWith("Pacing writes", StringComparison.Ordinal));
    }
}
