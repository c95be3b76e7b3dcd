using System.Globalization;

namespace GraphEmulator;

/// <summary>The hand-run emulator's arguments: [--port 5080] [--token t] [--patch-204] [--seed-samples].</summary>
internal sealed class CommandLine
{
    public const string Usage = "Usage: dotnet run --project tests/GraphEmulator -- [--port 5080] [--token <t>] [--patch-204] [--seed-samples]";

    public EmulatorOptions Options { get; } = new() { Port = 5080, Trace = Console.Out };

    public bool SeedSamples { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>Null when the arguments make sense, else what is wrong.</summary>
    public static string? TryParse(string[] args, out CommandLine parsed)
    {
        parsed = new CommandLine();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535:
                    parsed.Options.Port = port;
                    i++;
                    break;
                case "--token" when i + 1 < args.Length && args[i + 1].Length > 0:
                    parsed.Options.AccessToken = args[++i];
                    break;
                case "--patch-204":
                    parsed.Options.PatchReturnsContent = false;
                    break;
                case "--seed-samples":
                    parsed.SeedSamples = true;
                    break;
                case "--help" or "-h" or "-?":
                    parsed.ShowHelp = true;
                    break;
                default:
                    return $"Unexpected argument '{args[i]}'.";
            }
        }

        return null;
    }
}
