using System.Reflection;

namespace CodeSigningCerts.Bench;

/// <summary>Where things are: the repository, the built module, the empty baseline module, this program.</summary>
internal static class Paths
{
    public static string RepositoryRoot { get; } = Path.TrimEndingDirectorySeparator(BuildMetadata("RepositoryRoot"));

    public static string ModuleVersion { get; } = BuildMetadata("ModuleVersion");

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

    /// <summary>What the build wrote into this assembly (EmbedModuleLayout in Directory.Build.props).</summary>
    private static string BuildMetadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException("The build did not embed " + key + ": is EmbedModuleLayout set in the project?");
}
