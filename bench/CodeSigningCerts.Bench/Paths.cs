using System.Text.RegularExpressions;

namespace CodeSigningCerts.Bench;

/// <summary>Where things are: the repository, the built module, the empty baseline module, this program.</summary>
internal static partial class Paths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ModuleVersion { get; } = VersionPattern().Match(File.ReadAllText(Path.Combine(RepositoryRoot, "CodeSigningCerts.psd1"))).Groups[1].Value;

    public static string ModuleDirectory => Path.Combine(RepositoryRoot, "output", "CodeSigningCerts", ModuleVersion);

    public static string ModuleManifest => Path.Combine(ModuleDirectory, "CodeSigningCerts.psd1");

    public static string EmptyModuleManifest => Path.Combine(RepositoryRoot, "output", "BenchEmptyModule", "1.0.0", "BenchEmptyModule.psd1");

    public static string Report => Path.Combine(RepositoryRoot, "docs", "performance.md");

    /// <summary>This program's dll, which the children run.</summary>
    public static string BenchAssembly => typeof(Paths).Assembly.Location;

    /// <summary>The dotnet host: the one running us when we were started with it, else DOTNET_HOST_PATH, else "dotnet" on the PATH.</summary>
    public static string DotnetHost
    {
        get
        {
            var current = Environment.ProcessPath;
            if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                return current;
            }

            return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CodeSigningCerts.psd1")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CodeSigningCerts.psd1 not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"ModuleVersion\s*=\s*'([0-9.]+)'")]
    private static partial Regex VersionPattern();
}
