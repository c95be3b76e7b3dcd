using System.Diagnostics;

namespace CodeSigningCerts.Tests.Acceptance;

/// <summary>
/// Finds the processes a run started that outlived it: on Linux every process whose environment carries the run's
/// marker (children inherit it, whoever started them); everywhere the processes the tests recorded by id. Kills
/// what it finds, so a failing run does not leave them either.
/// </summary>
public static class ProcessesLeftBehind
{
    public const string MarkerVariable = "CODESIGNINGCERTS_RUN_MARKER";

    public static IReadOnlyList<string> FindAndKill(string marker, string pidDirectory)
    {
        var suspects = RecordedIds(pidDirectory).Concat(MarkedIds(marker)).Distinct().Where(id => id != Environment.ProcessId);
        var left = new List<string>();
        foreach (var id in suspects)
        {
            try
            {
                using var process = Process.GetProcessById(id);
                if (process.HasExited)
                {
                    continue;
                }

                left.Add($"{id} {CommandLine(id)}");
                process.Kill(entireProcessTree: true);
            }
            catch (ArgumentException)
            {
                // Gone: as it should be.
            }
            catch (InvalidOperationException)
            {
                // Exited while being looked at.
            }
        }

        return left;
    }

    private static IEnumerable<int> RecordedIds(string pidDirectory) =>
        Directory.EnumerateFiles(pidDirectory, "*.pid").Select(f => int.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static List<int> MarkedIds(string marker)
    {
        var ids = new List<int>();
        if (!OperatingSystem.IsLinux())
        {
            return ids;
        }

        var needle = MarkerVariable + "=" + marker;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Contains(needle))
                {
                    ids.Add(id);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's process, or one that just ended: not ours.
            }
        }

        return ids;
    }

    private static string CommandLine(int id)
    {
        try
        {
            return OperatingSystem.IsLinux() ? File.ReadAllText($"/proc/{id}/cmdline").Replace('\0', ' ').Trim() : Process.GetProcessById(id).ProcessName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return "(ended)";
        }
    }
}
