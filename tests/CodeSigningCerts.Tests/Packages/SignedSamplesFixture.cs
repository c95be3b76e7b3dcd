using GraphEmulator;

namespace CodeSigningCerts.Tests.Packages;

/// <summary>One set of signed samples and one Graph emulator for a whole test class: each test resets the emulator and opens its own runspace.</summary>
public sealed class SignedSamplesFixture : IAsyncLifetime
{
    public SignedSamples Samples { get; } = new SignedSamples();

    public GraphEmulatorServer Graph { get; private set; } = null!;

    public async Task InitializeAsync() => Graph = await GraphEmulatorServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Graph.DisposeAsync();
        Samples.Dispose();
    }
}
