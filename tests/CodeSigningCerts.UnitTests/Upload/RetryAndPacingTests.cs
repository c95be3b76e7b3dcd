using CodeSigningCerts.Engine;
using Microsoft.Extensions.Time.Testing;

namespace CodeSigningCerts.UnitTests.Upload;

/// <summary>
/// The engine's waits on a virtual clock: Retry-After honoured to the millisecond (fractions included, never below a
/// second), and Intune's write limit of 100 per 20 s kept by the pacer. Each test moves the clock to just before the
/// moment a request may go, sees that it has not, then just past it, and sees that it has.
/// </summary>
public sealed class RetryAndPacingTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FakeGraph _graph;
    private readonly X509Certificate2 _certificate = MadeCertificates.Quick("CN=Paced", DateTimeOffset.UtcNow.AddDays(100));

    public RetryAndPacingTests()
    {
        _graph = new FakeGraph(_time);
    }

    [Theory]
    [InlineData("2.128", 2127, 2228)]
    [InlineData("0", 999, 1100)]
    [InlineData("0.2", 999, 1100)]
    [InlineData("3", 2999, 3100)]
    // Without a Retry-After: an exponential backoff with jitter around a second, never at once.
    [InlineData(null, 100, 3100)]
    public async Task A_throttled_request_is_sent_again_when_Retry_After_says_and_not_sooner(string? retryAfter, int notYetMilliseconds, int sentByMilliseconds)
    {
        using var api = Api(writeLimit: 0);
        _graph.Throttle(retryAfter);

        var listing = api.ListAsync(null, null, null, null, CancellationToken.None);

        await RealTime.Until(() => _graph.RequestCount == 1);
        _time.Advance(TimeSpan.FromMilliseconds(notYetMilliseconds));
        await Settle();
        Assert.Single(_graph.Requests);
        _time.Advance(TimeSpan.FromMilliseconds(sentByMilliseconds - notYetMilliseconds));
        await listing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, _graph.Requests.Count);
    }

    [Fact]
    public async Task The_101st_write_waits_until_20_seconds_after_the_first_hundred()
    {
        using var api = Api(writeLimit: 100);
        var started = _time.GetUtcNow();
        var verbose = new List<string>();
        var waits = new List<(string Reason, TimeSpan Delay, bool AtMost)>();
        var log = new RequestLog(line => { lock (verbose) { verbose.Add(line); } }, null, (reason, delay, atMost) => { lock (waits) { waits.Add((reason, delay, atMost)); } });

        var writes = Enumerable.Range(0, 101).Select(_ => api.CreateAsync(_certificate, "notProvisioned", started, log, CancellationToken.None)).ToList();

        await RealTime.Until(() => _graph.RequestCount == 100);
        _time.Advance(TimeSpan.FromSeconds(20));
        await Settle();
        Assert.Equal(100, _graph.Requests.Count);
        _time.Advance(TimeSpan.FromMilliseconds(60));
        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(101, _graph.Requests.Count);
        Assert.True(_graph.Requests[100].At - started >= TimeSpan.FromSeconds(20), "the 101st write went inside the first window");
        // The wait is narrated: a -Verbose line, and the progress bar's "waiting up to 20 s" with its reason.
        Assert.Single(verbose, v => v.StartsWith("Pacing writes", StringComparison.Ordinal));
        var wait = Assert.Single(waits);
        Assert.Contains("Intune's write limit of 100 per 20 seconds", wait.Reason, StringComparison.Ordinal);
        Assert.True(wait.AtMost && wait.Delay >= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Writes_are_not_paced_when_the_limit_is_off()
    {
        using var api = Api(writeLimit: 0);

        await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => api.CreateAsync(_certificate, "notProvisioned", _time.GetUtcNow(), null, CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(150, _graph.Count);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _graph.Dispose();
    }

    private CertificateApi Api(int writeLimit) => _graph.Connect(_time, writeLimit);

    private Task Settle() => RealTime.Settle(() => _graph.RequestCount);
}
