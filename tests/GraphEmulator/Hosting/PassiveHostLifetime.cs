using Microsoft.Extensions.Hosting;

namespace GraphEmulator.Hosting;

/// <summary>
/// The default host lifetime takes over Ctrl+C and SIGTERM for the whole process; a test run starts many
/// emulators in one process, so none of them may. Program.cs handles the signals when run by hand.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
