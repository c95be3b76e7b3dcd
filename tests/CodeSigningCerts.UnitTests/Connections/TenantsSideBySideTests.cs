using CodeSigningCerts.Engine;
using CodeSigningCerts.UnitTests.Upload;
using Microsoft.Extensions.Time.Testing;

namespace CodeSigningCerts.UnitTests.Connections;

/// <summary>
/// Intune counts writes per app and tenant, so each connection paces its own: two connections (two tenants) each
/// get their 100 writes in the same 20 s, and neither waits for the other.
/// </summary>
public sealed class TenantsSideBySideTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly FakeGraph _contoso;
    private readonly FakeGraph _fabrikam;

    public TenantsSideBySideTests()
    {
        _contoso = new FakeGraph(_time);
        _fabrikam = new FakeGraph(_time);
    }

    [Fact]
    public void Two_connections_each_send_100_writes_in_the_same_20_seconds_and_the_101st_of_each_waits_for_its_own_window()
    {
        using var certificate = MadeCertificates.Quick("CN=Side By Side", DateTimeOffset.UtcNow.AddDays(100));
        using var contoso = Api(_contoso);
        using var fabrikam = Api(_fabrikam);
        var started = _time.GetUtcNow();

        VirtualTime.Run(_time, async () =>
        {
            // Each tenant's 101 uploads one after another, as one pipeline per runspace sends them; both at once.
            await Task.WhenAll(Upload(contoso), Upload(fabrikam));
            return true;
        }, step: TimeSpan.FromMilliseconds(250), activity: () => _contoso.RequestCount + _fabrikam.RequestCount);

        foreach (var graph in new[] { _contoso, _fabrikam })
        {
            var posts = graph.Requests.Where(r => r.Method == "POST").Select(r => r.At - started).ToList();
            Assert.Equal(101, posts.Count);
            // Its own 100 inside the first 20 s (one limit shared by both tenants would push 100 of the 200 past 20 s),
            // then the 101st once its own first write's 20 s have passed. The bounds leave room for the virtual clock
            // moving on while a busy machine starves the work.
            Assert.True(posts[99] < TimeSpan.FromSeconds(15), "the 100th write of a tenant went at " + posts[99]);
            Assert.True(posts[100] >= TimeSpan.FromSeconds(20) && posts[100] < TimeSpan.FromSeconds(35), "the 101st write of a tenant went at " + posts[100]);
        }

        async Task Upload(CertificateApi api)
        {
            for (var i = 0; i < 101; i++)
            {
                await api.CreateAsync(certificate, "notProvisioned", started, null, CancellationToken.None);
            }
        }
    }

    public void Dispose()
    {
        _contoso.Dispose();
        _fabrikam.Dispose();
    }

    private CertificateApi Api(FakeGraph graph) =>
        new(new GraphClientOptions(new Uri("https://graph.microsoft.com"), "UnitTests/1.0") { Clock = new GraphClock(_time), Handler = graph, WriteLimit = 100 },
            new StaticTokenSource(new AccessToken("unit-test-token", null)));
}
