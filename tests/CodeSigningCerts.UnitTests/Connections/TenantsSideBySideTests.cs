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
    public async Task Two_connections_each_send_100_writes_at_once_and_the_101st_of_each_waits_for_its_own_window()
    {
        using var certificate = MadeCertificates.Quick("CN=Side By Side", DateTimeOffset.UtcNow.AddDays(100));
        using var contoso = Api(_contoso);
        using var fabrikam = Api(_fabrikam);
        var started = _time.GetUtcNow();

        // Each tenant's 101 uploads one after another, as one pipeline per runspace sends them; both at once. The clock
        // does not move until both have sent 100: one limit shared by the two tenants would stop them at 100 together.
        var uploads = Task.WhenAll(Upload(contoso), Upload(fabrikam));
        await RealTime.Until(() => Posts(_contoso) == 100 && Posts(_fabrikam) == 100, "the writes never got there");
        _time.Advance(TimeSpan.FromSeconds(20));
        await RealTime.Settle(() => _contoso.RequestCount + _fabrikam.RequestCount);
        Assert.Equal((100, 100), (Posts(_contoso), Posts(_fabrikam)));
        _time.Advance(TimeSpan.FromMilliseconds(60));
        await uploads.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal((101, 101), (Posts(_contoso), Posts(_fabrikam)));
        Assert.All(new[] { _contoso, _fabrikam }, graph => Assert.True(graph.Requests.Where(r => r.Method == "POST").Last().At - started >= TimeSpan.FromSeconds(20)));

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

    private static int Posts(FakeGraph graph) => graph.CountOf("POST");

    private CertificateApi Api(FakeGraph graph) => graph.Connect(_time);
}
