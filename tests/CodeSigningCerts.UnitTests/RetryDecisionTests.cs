using CodeSigningCerts.Engine.Http;

namespace CodeSigningCerts.UnitTests;

/// <summary>Which answers are sent again: only those that say nothing was done, or where doing it twice changes nothing.</summary>
public sealed class RetryDecisionTests
{
    [Theory]
    [InlineData("POST", 429, true)]
    [InlineData("POST", 503, true)]
    [InlineData("POST", 502, false)]
    [InlineData("POST", 504, false)]
    [InlineData("PATCH", 504, true)]
    [InlineData("DELETE", 502, true)]
    [InlineData("GET", 504, true)]
    [InlineData("GET", 500, false)]
    [InlineData("POST", 400, false)]
    public void A_gateways_502_or_504_is_repeated_only_where_repeating_changes_nothing(string method, int status, bool retried)
    {
        var request = new GraphRequest(method, new Uri("https://graph.microsoft.com/beta/x"), null, null);
        var attempt = new Attempt(request, 1, new GraphAnswer(status, null, null, "client-request-id", string.Empty), null);

        Assert.Equal(retried, RetryDecision.ShouldRetry(attempt));
    }
}
