using System.Diagnostics;
using System.Text.Json;

namespace CodeSigningCerts.Bench;

/// <summary>Starts "dotnet CodeSigningCerts.Bench.dll --child ..." and reads its one result line.</summary>
internal static class ChildProcess
{
    public static JsonElement Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Paths.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Paths.BenchAssembly);
        start.ArgumentList.Add("--child");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + Paths.DotnetHost);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = stdout.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(Child.ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"Child '{string.Join(' ', arguments.Take(1))}' failed (exit {process.ExitCode}):\n{stdout}\n{stderr.Result}");
        }

        return JsonDocument.Parse(line[Child.ResultPrefix.Length..]).RootElement.Clone();
    }
}
