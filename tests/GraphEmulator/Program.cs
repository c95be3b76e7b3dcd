using System.Runtime.InteropServices;
using GraphEmulator;
using GraphEmulator.Graph;

// Runs the emulator in the foreground until Ctrl+C; everything else lives in GraphEmulatorServer.
var error = CommandLine.TryParse(args, out var commandLine);
if (error is not null || commandLine.ShowHelp)
{
    if (error is not null)
    {
        await Console.Error.WriteLineAsync(error);
    }

    await Console.Error.WriteLineAsync(CommandLine.Usage);
    return error is null ? 0 : 2;
}

await using var server = await GraphEmulatorServer.StartAsync(commandLine.Options);
if (commandLine.SeedSamples)
{
    SampleCertificates.Seed(server.Certificates);
}

Console.Write(server.DescribeConnection());
Console.WriteLine("Press Ctrl+C to stop.");

var stop = new TaskCompletionSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stop.Task;
Console.WriteLine("Stopping.");
return 0;
