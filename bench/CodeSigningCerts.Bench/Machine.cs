using System.Diagnostics;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CodeSigningCerts.Bench;

/// <summary>What the numbers were measured on.</summary>
internal sealed record Machine(int Cores, string Cpu, string Os, string Dotnet, string PowerShell, string MemoryGb, string Date, string Commit)
{
    public static Machine Describe()
    {
        var ps = typeof(PSObject).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? typeof(PSObject).Assembly.GetName().Version?.ToString() ?? "?";
        var plus = ps.IndexOf('+', StringComparison.Ordinal);
        return new Machine(
            Environment.ProcessorCount,
            CpuModel(),
            RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture,
            RuntimeInformation.FrameworkDescription,
            "System.Management.Automation " + (plus > 0 ? ps[..plus] : ps),
            (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " GB",
            DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
            Git("rev-parse --short=12 HEAD") + (Git("status --porcelain -- . :!docs/performance.md") is { Length: > 0 } changes && changes != "?" ? " with uncommitted changes" : string.Empty) + " (" + Git("rev-parse --abbrev-ref HEAD") + ")");
    }

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine shows here.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null)
                {
                    return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string Git(string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Paths.RepositoryRoot,
            };
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
