using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;

namespace CodeSigningCerts.Tests.Cmdlets;

/// <summary>Requests told to -Verbose (one line each) and -Debug (headers and bodies, the token redacted), and only when asked.</summary>
public sealed class NarrationTests : EmulatedGraphTest
{
    [Fact]
    public void Verbose_tells_each_request_with_its_status()
    {
        using var certificate = TestCertificates.CodeSigning("Verbose Signer");

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate -Verbose", ("c", certificate));

        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, line => line.StartsWith("POST /beta/deviceAppManagement/enterpriseCodeSigningCertificates -> 201", StringComparison.Ordinal));
        Assert.Empty(result.Debug);
    }

    [Fact]
    public void The_verbose_preference_of_the_caller_counts_as_much_as_the_switch()
    {
        using var certificate = TestCertificates.CodeSigning("Preference Signer");

        var result = Ps.Run("$VerbosePreference = 'Continue'; $c | New-EnterpriseCodeSigningCertificate", ("c", certificate));

        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, line => line.Contains("-> 201", StringComparison.Ordinal));
    }

    [Fact]
    public void Debug_shows_the_request_and_the_response_without_the_token()
    {
        using var certificate = TestCertificates.CodeSigning("Debug Signer");

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate -Debug", ("c", certificate));

        Assert.Empty(result.Errors);
        Assert.Contains(result.Debug, text => text.StartsWith("HTTP request: POST", StringComparison.Ordinal) && text.Contains("Bearer [redacted]", StringComparison.Ordinal));
        Assert.Contains(result.Debug, text => text.StartsWith("HTTP response: 201", StringComparison.Ordinal));
        Assert.DoesNotContain(Graph.AccessToken, string.Join("\n", result.Debug), StringComparison.Ordinal);
    }

    [Fact]
    public void Switched_off_it_tells_nothing_anywhere_even_where_the_caller_asks_for_everything()
    {
        using var certificate = TestCertificates.CodeSigning("Quiet Signer");

        // The caller's preferences say Continue, so only the switches turn narration off: a module that narrated
        // past them (through Information or warnings) would show up here. (Whether the module also skips building the
        // text it would not show is a cost, measured by the benchmark, not something a user sees.)
        var result = Ps.Run(
            "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'; $c | New-EnterpriseCodeSigningCertificate -Verbose:$false -Debug:$false",
            ("c", certificate));

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
        Assert.Empty(result.Verbose);
        Assert.Empty(result.Debug);
        Assert.Empty(result.Information);
        Assert.Empty(result.Warnings);
    }
}
