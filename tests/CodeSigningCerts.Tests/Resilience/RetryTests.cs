using System.Globalization;
using System.Management.Automation;
using CodeSigningCerts.Tests.Hosting;
using CodeSigningCerts.Tests.Support;
using GraphEmulator.Faults;

namespace CodeSigningCerts.Tests.Resilience;

/// <summary>Throttled and unavailable answers are retried as Graph asks: after Retry-After, or backing off, up to -MaxRetryCount.</summary>
public sealed class RetryTests : EmulatedGraphTest
{
    [Fact]
    public void A_429_is_retried_no_sooner_than_its_Retry_After_seconds_with_a_Retry_Attempt_header_and_a_fresh_client_request_id()
    {
        using var certificate = TestCertificates.CodeSigning();
        Graph.Faults.Enqueue(Fault.TooManyRequests(2), "POST");
        Graph.Faults.Enqueue(Fault.TooManyRequests(2), "POST");

        var result = Ps.Run("$c | New-EnterpriseCodeSigningCertificate -Verbose", ("c", certificate));

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
        Assert.Single(Graph.Certificates.All);
        var posts = CertificateRequests("POST");
        Assert.Equal(new[] { 429, 429, 201 }, posts.Select(p => p.ResponseStatus));
        var gaps = Graph.Requests.ThrottleGaps();
        Assert.Equal(2, gaps.Count);
        Assert.All(gaps, gap =>
        {
            Assert.NotNull(gap.Next);
            Assert.False(gap.IsEarly, gap.ToString());
            Assert.True(gap.Gap >= TimeSpan.FromSeconds(2), gap.ToString());
        });
        Assert.Equal(new string?[] { null, "1", "2" }, posts.Select(p => p.Headers.GetValueOrDefault("Retry-Attempt")));
        Assert.Equal(3, posts.Select(p => p.Headers["client-request-id"]).Distinct().Count());
        Assert.All(posts, p => Assert.Equal("CodeSigningCerts/" + ModuleLayout.Version, p.Headers["User-Agent"]));
        Assert.Contains(result.Verbose, v => v.Contains("429 Too Many Requests; retry 1 of 5 in 2.0 s", StringComparison.Ordinal));
    }

    [Fact]
    public void A_429_whose_Retry_After_is_an_HTTP_date_is_retried_no_sooner_than_that_date()
    {
        var stored = Graph.Certificates.Add(null, subjectName: "Dated");
        Graph.Faults.Enqueue(Fault.TooManyRequestsHttpDate(2), "GET");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate -Id $id", ("id", stored.Id));

        Assert.Empty(result.Errors);
        Assert.Equal("Dated", result.Output.Single().Text("SubjectName"));
        var gap = Assert.Single(Graph.Requests.ThrottleGaps());
        Assert.NotNull(gap.Next);
        Assert.True(gap.RetryAfter > TimeSpan.FromSeconds(1), gap.ToString());
        Assert.False(gap.IsEarly, gap.ToString());
    }

    [Fact]
    public void Throttled_and_unavailable_answers_without_Retry_After_are_retried_after_a_backoff_until_Graph_answers()
    {
        var stored = Graph.Certificates.Add(null, subjectName: "Patient");
        Graph.Faults.Enqueue(Fault.TooManyRequestsNoRetryAfter(), "GET");
        Graph.Faults.Enqueue(Fault.ServiceUnavailable(), "GET");
        Graph.Faults.Enqueue(Fault.GatewayTimeout(), "GET");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate -Id $id -Verbose", ("id", stored.Id));

        Assert.Empty(result.Errors);
        Assert.Equal("Patient", result.Output.Single().Text("SubjectName"));
        var gets = CertificateRequests("GET");
        Assert.Equal(new[] { 429, 503, 504, 200 }, gets.Select(g => g.ResponseStatus));
        Assert.Equal(new string?[] { null, "1", "2", "3" }, gets.Select(g => g.Headers.GetValueOrDefault("Retry-Attempt")));
        Assert.Equal(3, result.Verbose.Count(v => v.Contains("; retry ", StringComparison.Ordinal)));

        // Each retry waited the backoff it announced (rounded there to 0.1 s). The backoff is jittered, so how long
        // it is varies; that it is waited out does not.
        var announced = result.Verbose
            .Select(v => System.Text.RegularExpressions.Regex.Match(v, @"; retry \d of \d in (\d+\.\d) s"))
            .Where(m => m.Success)
            .Select(m => TimeSpan.FromSeconds(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(3, announced.Count);
        for (var i = 0; i < announced.Count; i++)
        {
            var waited = gets[i + 1].ReceivedAt - gets[i].RespondedAt!.Value;
            // 50 ms of the announcement's rounding, and room for a timer that fires a little early.
            Assert.True(waited >= announced[i] - TimeSpan.FromMilliseconds(100), $"retry {i + 1} came {waited.TotalSeconds:0.000} s after the answer, announced {announced[i].TotalSeconds} s");
        }
    }

    [Fact]
    public void A_read_whose_answer_is_lost_or_unreadable_is_sent_again()
    {
        var stored = Graph.Certificates.Add(null, subjectName: "Readable");
        Graph.Faults.Enqueue(Fault.ResetBeforeProcessing(), "GET");
        Graph.Faults.Enqueue(Fault.MalformedJson(), "GET");
        Graph.Faults.Enqueue(Fault.HtmlBody(), "GET");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate -Id $id", ("id", stored.Id));

        Assert.Empty(result.Errors);
        Assert.Equal("Readable", result.Output.Single().Text("SubjectName"));
        Assert.Equal(4, CertificateRequests("GET").Count);
    }

    [Fact]
    public void When_the_retries_run_out_the_429_is_a_LimitsExceeded_error_that_says_so()
    {
        Ps.Connect(Graph.BaseUri, Graph.AccessToken, "-MaxRetryCount 1");
        var stored = Graph.Certificates.Add(null, subjectName: "Throttled");
        Graph.Faults.Enqueue(Fault.TooManyRequests(1), "GET");
        Graph.Faults.Enqueue(Fault.TooManyRequests(1), "GET");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate -Id $id", ("id", stored.Id));

        Assert.Equal(new[] { "GraphThrottled" }, result.ErrorIds);
        var error = result.Errors[0];
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Equal(stored.Id, error.TargetObject);
        Assert.Contains("Gave up after 2 attempts", error.ErrorDetails!.Message, StringComparison.Ordinal);
        Assert.Contains("-MaxRetryCount", error.ErrorDetails.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(2, CertificateRequests("GET").Count);
    }

    [Fact]
    public void MaxRetryCount_0_sends_each_request_once()
    {
        Ps.Connect(Graph.BaseUri, Graph.AccessToken, "-MaxRetryCount 0");
        Graph.Faults.Enqueue(Fault.ServiceUnavailable(1), "GET");

        var result = Ps.Run("Get-EnterpriseCodeSigningCertificate");

        Assert.Equal(new[] { "GraphServiceError" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.ConnectionError, result.Errors[0].CategoryInfo.Category);
        Assert.Single(CertificateRequests("GET"));
    }

    [Fact]
    public void The_connection_shows_its_retry_limit_and_timeout_and_refuses_values_out_of_range()
    {
        var connected = Ps.Run(
            "Connect-EnterpriseCodeSigning -GraphEndpoint $g -AccessToken $t -MaxRetryCount 2 -RequestTimeout 00:00:30; Get-EnterpriseCodeSigningContext",
            ("g", Graph.BaseUri),
            ("t", PsSession.Secure(Graph.AccessToken)));
        var defaults = Ps.Run("Connect-EnterpriseCodeSigning -GraphEndpoint $g -AccessToken $t", ("g", Graph.BaseUri), ("t", PsSession.Secure(Graph.AccessToken)));
        var tooMany = Ps.Run("Connect-EnterpriseCodeSigning -GraphEndpoint $g -AccessToken $t -MaxRetryCount 11", ("g", Graph.BaseUri), ("t", PsSession.Secure(Graph.AccessToken)));
        var tooShort = Ps.Run("Connect-EnterpriseCodeSigning -GraphEndpoint $g -AccessToken $t -RequestTimeout 0", ("g", Graph.BaseUri), ("t", PsSession.Secure(Graph.AccessToken)));

        Assert.Empty(connected.Errors);
        Assert.Equal(2, connected.Output.Count);
        Assert.All(connected.Output, context => Assert.Equal(2, context.Prop("MaxRetryCount")));
        Assert.All(connected.Output, context => Assert.Equal(TimeSpan.FromSeconds(30), context.Prop("RequestTimeout")));
        Assert.Equal(5, defaults.Output.Single().Prop("MaxRetryCount"));
        Assert.Equal(TimeSpan.FromSeconds(100), defaults.Output.Single().Prop("RequestTimeout"));
        Assert.Equal(new[] { "ParameterArgumentValidationError" }, tooMany.ErrorIds);
        Assert.Equal(new[] { "ParameterArgumentValidationError" }, tooShort.ErrorIds);
        Assert.Contains("00:00:01", tooShort.Errors[0].ToString(), StringComparison.Ordinal);
    }
}
