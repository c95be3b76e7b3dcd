using CodeSigningCerts.Engine;
using Microsoft.Extensions.Time.Testing;

namespace CodeSigningCerts.UnitTests.Upload;

/// <summary>
/// Intune counts a write when it arrives, a moment the client never sees; the pacer holds each slot until 20 s after
/// the write's answer, so a write answered late still counts where Intune counted it. A bulk upload of 200 meets no
/// 429 at Intune's real limit, as Graph in memory counts it.
/// </summary>
public sealed class WriteLimitTests : IDisposable
{
    private readonly SteppingTime _time = new();
    private readonly FakeGraph _graph;

    public WriteLimitTests()
    {
        _graph = new FakeGraph(_time);
    }

    [Fact]
    public void A_write_that_reaches_Graph_late_is_counted_as_Graph_counts_it_and_the_next_waits_20_seconds_from_there()
    {
        using var certificate = MadeCertificates.Quick("CN=Late", DateTimeOffset.UtcNow.AddDays(100));
        using var api = Api(writeLimit: 1);
        _graph.ArriveNextLate(TimeSpan.FromSeconds(3));

        VirtualTime.Run(_time, async () =>
        {
            await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => api.CreateAsync(certificate, "notProvisioned", _time.GetUtcNow(), null, CancellationToken.None)));
            return true;
        }, activity: () => _graph.RequestCount);

        var posts = _graph.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        // A pacer that counted from sending would let the second in 17 s after Graph counted the first.
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromSeconds(20), "the second write arrived " + (posts[1].At - posts[0].At) + " after the first");
    }

    [Fact]
    public void Two_hundred_uploads_at_Intunes_limit_meet_no_429_as_Graph_counts_writes()
    {
        using var api = Api(writeLimit: 100);
        using var certificate = MadeCertificates.Quick("CN=Bulk", DateTimeOffset.UtcNow.AddDays(100));
        var started = _time.GetUtcNow();

        VirtualTime.Run(_time, async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await api.CreateAsync(certificate, "notProvisioned", started, null, CancellationToken.None);
            }

            return true;
        }, activity: () => _graph.RequestCount);

        var posts = _graph.Requests.Where(r => r.Method == "POST").Select(r => r.At).ToList();
        Assert.Equal(200, posts.Count);
        // Intune's window: no 20 s holds more than 100 writes. (That the 101st write goes the moment the first's slot
        // frees, RetryAndPacingTests shows with the clock moved by hand.)
        Assert.All(posts, at => Assert.True(posts.Count(other => other >= at && other < at + TimeSpan.FromSeconds(20)) <= 100));
        // And none is lost to it: the second hundred goes as the first hundred's slots free, 20 s and 50 ms after their
        // answers (GraphClient's WriteSlotHold), so the last write leaves at about 20.05 s, not a second later.
        Assert.True(posts[^1] - started >= TimeSpan.FromSeconds(20), "the second hundred went inside the first window");
        Assert.True(posts[^1] - started < TimeSpan.FromSeconds(21), "the last write went " + (posts[^1] - started) + " after the first: the pacer lost time");
    }

    public void Dispose() => _graph.Dispose();

    private CertificateApi Api(int writeLimit) => _graph.Connect(_time, writeLimit);
}
