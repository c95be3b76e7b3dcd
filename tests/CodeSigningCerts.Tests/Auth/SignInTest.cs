using CodeSigningCerts.Tests.Hosting;
using GraphEmulator;
using GraphEmulator.Entra;
using GraphEmulator.Graph;

namespace CodeSigningCerts.Tests.Auth;

/// <summary>
/// A Graph emulator and its Entra emulator (https on 127.0.0.1, its certificate trusted by this test
/// process through CurrentUser\Root; the module gains no switch that skips certificate validation).
/// </summary>
public abstract class SignInTest : IAsyncLifetime
{
    protected const string TenantId = "72f988bf-0000-4000-8000-0000000000aa";
    protected const string AppId = "5c0b6a3e-1111-4222-8333-444444444444";
    protected const string AppSecret = "s3cr3t~value.of.the.app";

    protected GraphEmulatorServer Graph { get; private set; } = null!;

    protected EntraEmulatorServer Entra { get; private set; } = null!;

    protected virtual EntraOptions? EntraOptions => null;

    public async Task InitializeAsync()
    {
        Graph = await GraphEmulatorServer.StartAsync();
        Entra = await EntraEmulatorServer.StartAsync(Graph, EntraOptions);
        Entra.RegisterApp(TenantId, AppId, AppSecret);
    }

    public async Task DisposeAsync()
    {
        await Entra.DisposeAsync();
        await Graph.DisposeAsync();
    }

    /// <summary>The parameters every sign-in against the emulators shares.</summary>
    protected string Endpoints => "-GraphEndpoint $graph -AuthorityHost $authority";

    protected (string, object?)[] EndpointVariables(params (string, object?)[] more) =>
        new (string, object?)[] { ("graph", Graph.BaseUri), ("authority", Entra.AuthorityHost) }.Concat(more).ToArray();

    /// <summary>The POSTs Graph received for certificates, with the bearer token each carried.</summary>
    protected IReadOnlyList<RecordedRequest> CertificatePosts() =>
        Graph.Requests.All.Where(r => r.Method == "POST" && r.Path.Contains("enterpriseCodeSigningCertificates", StringComparison.Ordinal)).ToList();

    /// <summary>Every request Graph received for certificates (listings, creates, updates), in order.</summary>
    protected IReadOnlyList<RecordedRequest> CertificateRequests() =>
        Graph.Requests.All.Where(r => r.Path.Contains("enterpriseCodeSigningCertificates", StringComparison.Ordinal)).ToList();

    protected static string Bearer(RecordedRequest request) => request.Headers["Authorization"];
}
