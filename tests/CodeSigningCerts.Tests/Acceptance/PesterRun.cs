using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using CodeSigningCerts.Tests.Hosting;

namespace CodeSigningCerts.Tests.Acceptance;

/// <summary>
/// One run of Pester tests in the official pwsh the repository pins (.config/dotnet-tools.json, `dotnet pwsh`) with
/// the Pester module the build downloaded (the test project's PackageDownload), through tests/Acceptance/Invoke-AcceptanceSuite.ps1.
/// Everything the run starts is tagged with a marker in its environment and recorded, so what is left can be found.
/// </summary>
public sealed class PesterRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    private PesterRun(int exitCode, int passed, IReadOnlyList<string> failures, string output, IReadOnlyList<string> processesLeft)
    {
        ExitCode = exitCode;
        Passed = passed;
        Failures = failures;
        Output = output;
        ProcessesLeft = processesLeft;
    }

    public int ExitCode { get; }

    public int Passed { get; }

    /// <summary>One line per failed Pester test, block or file: its path and its error.</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>What pwsh wrote (Pester's detailed output).</summary>
    public string Output { get; }

    /// <summary>Processes the run started that were still running after it ended (they are killed when found).</summary>
    public IReadOnlyList<string> ProcessesLeft { get; }

    public static string PesterManifest => BuildMetadata("PesterManifest");

    public static string EmulatorAssembly => BuildMetadata("EmulatorAssembly");

    public static string AcceptanceDirectory => Path.Combine(ModuleLayout.RepositoryRoot, "tests", "Acceptance");

    /// <summary>Runs the Pester tests under <paramref name="path"/> and waits for the run and everything it started to end.</summary>
    public static PesterRun Execute(string path, string workDirectory)
    {
        RestoreTools();
        var marker = "csc-pester-" + Guid.NewGuid().ToString("N");
        var pids = Directory.CreateDirectory(Path.Combine(workDirectory, "pids")).FullName;
        var summary = Path.Combine(workDirectory, "summary.json");
        var info = Pwsh(
            "-NoProfile", "-NonInteractive", "-File", Path.Combine(AcceptanceDirectory, "Invoke-AcceptanceSuite.ps1"),
            "-PesterManifest", PesterManifest, "-Path", path, "-SummaryPath", summary);
        info.Environment["CODESIGNINGCERTS_EMULATOR"] = EmulatorAssembly;
        info.Environment["CODESIGNINGCERTS_PID_DIRECTORY"] = pids;
        info.Environment["CODESIGNINGCERTS_FOREIGN_MSAL_DIRECTORY"] = AppContext.BaseDirectory;
        // Packages.Tests.ps1 builds its signed samples with this assembly's SignedSamples.
        info.Environment["CODESIGNINGCERTS_TEST_ASSEMBLY"] = typeof(PesterRun).Assembly.Location;
        info.Environment[ProcessesLeftBehind.MarkerVariable] = marker;
        // The Gallery flow builds the package: no MSBuild node or compiler server may outlive that build.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        info.Environment["UseSharedCompilation"] = "false";

        var (exitCode, output) = RunToEnd(info, Timeout);
        var left = ProcessesLeftBehind.FindAndKill(marker, pids);
        var (passed, failures) = ReadSummary(summary, exitCode, output);
        return new PesterRun(exitCode, passed, failures, output, left);
    }

    /// <summary>`dotnet pwsh` with <paramref name="arguments"/>, in the repository root (where the tool manifest is).</summary>
    public static ProcessStartInfo Pwsh(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = ModuleLayout.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("pwsh");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static void RestoreTools()
    {
        var info = new ProcessStartInfo("dotnet", ["tool", "restore"]) { WorkingDirectory = ModuleLayout.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        var (exitCode, output) = RunToEnd(info, TimeSpan.FromMinutes(3));
        if (exitCode != 0)
        {
            throw new InvalidOperationException("dotnet tool restore failed:\n" + output);
        }
    }

    private static (int ExitCode, string Output) RunToEnd(ProcessStartInfo info, TimeSpan timeout)
    {
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, output + $"\n(killed after {timeout.TotalMinutes} minutes)");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static (int Passed, IReadOnlyList<string> Failures) ReadSummary(string summary, int exitCode, string output)
    {
        if (!File.Exists(summary))
        {
            return (0, [$"The Pester run ended (exit code {exitCode}) without a summary:\n{output}"]);
        }

        using var json = JsonDocument.Parse(File.ReadAllText(summary));
        var failures = json.RootElement.GetProperty("Failures") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(f => f.GetString() ?? string.Empty).ToList()
            : [];
        return (json.RootElement.GetProperty("Passed").GetInt32(), failures);
    }

    private static string BuildMetadata(string key) =>
        typeof(PesterRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
