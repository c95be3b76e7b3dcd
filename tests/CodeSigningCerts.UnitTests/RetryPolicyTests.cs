using System.Net;
using CodeSigningCerts.Engine.Http;

namespace CodeSigningCerts.UnitTests;

/// <summary>
/// Which answers are sent again (only those that say nothing was done, or where doing it twice changes nothing), and the
/// wait before a throttled request goes again: what Graph announced, to the millisecond, never under the floor.
/// </summary>
public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

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
        var attempt = new Attempt(request, 1, status, null, null, "client-request-id", string.Empty);

        Assert.Equal(retried, RetryPolicy.ShouldRetry(attempt));
    }

    [Theory]
    [InlineData("2.128", 2128)]
    [InlineData("2.5", 2500)]
    [InlineData("3", 3000)]
    [InlineData(" 7 ", 7000)]
    public void Seconds_with_or_without_a_fraction_are_waited_to_the_millisecond(string header, int milliseconds)
    {
        var wait = RetryPolicy.ReadRetryAfter(Throttled(header), Now);

        Assert.NotNull(wait);
        Assert.InRange(wait.Value.TotalMilliseconds, milliseconds, milliseconds + 50);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.0")]
    [InlineData("0.2")]
    public void A_wait_under_the_floor_is_raised_to_it_so_a_rounding_limiter_never_gets_the_retry_early(string header)
    {
        var wait = RetryPolicy.ReadRetryAfter(Throttled(header), Now);

        Assert.NotNull(wait);
        Assert.InRange(wait.Value, RetryPolicy.RetryAfterFloor, RetryPolicy.RetryAfterFloor + TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void An_HTTP_date_is_waited_until_and_one_in_the_past_waits_the_floor()
    {
        var later = RetryPolicy.ReadRetryAfter(Throttled(Now.AddSeconds(4).ToString("r")), Now);
        var past = RetryPolicy.ReadRetryAfter(Throttled(Now.AddSeconds(-4).ToString("r")), Now);

        Assert.InRange(later!.Value.TotalMilliseconds, 4000, 4050);
        Assert.Equal(RetryPolicy.RetryAfterFloor, past!.Value - TimeSpan.FromMilliseconds(21));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-1")]
    public void No_usable_header_leaves_the_wait_to_the_backoff(string? header)
    {
        Assert.Null(RetryPolicy.ReadRetryAfter(Throttled(header), Now));
    }

    private static HttpResponseMessage Throttled(string? retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    }
}
