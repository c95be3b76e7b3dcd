using GraphEmulator;
using GraphEmulator.Graph;

namespace CodeSigningCerts.Tests.Hosting;

/// <summary>
/// A test with its own Graph emulator on 127.0.0.1 and a runspace that imported the module and
/// connected to it, as a user would: Connect-EnterpriseCodeSigning -GraphEndpoint ... -AccessToken ...
/// </summary>
public abstract class EmulatedGraphTest : IAsyncLifetime
{
    protected GraphEmulatorServer Graph { get; private set; } = null!;

    protected PsSession Ps { get; private set; } = null!;

    protected virtual EmulatorOptions? EmulatorOptions => null;

    public async Task InitializeAsync()
    {
        Graph = await GraphEmulatorServer.StartAsync(EmulatorOptions);
        Ps = new PsSession();
        Ps.Connect(Graph.BaseUri, Graph.AccessToken);
    }

    public async Task DisposeAsync()
    {
        Ps.Dispose();
        await Graph.DisposeAsync();
    }

    /// <summary>The requests the emulator received that went to the certificate collection or an item in it.</summary>
    protected IReadOnlyList<RecordedRequest> CertificateRequests(string method) =>
        Graph.Requests.All.Where(r => r.Method == method && r.Path.Contains("enterpriseCodeSigningCertificates", StringComparison.Ordinal)).ToList();
}
