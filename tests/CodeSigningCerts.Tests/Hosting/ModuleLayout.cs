using System.Reflection;

namespace CodeSigningCerts.Tests.Hosting;

/// <summary>Where the built module is: output/CodeSigningCerts/&lt;version from the manifest&gt;/, as it ships.</summary>
public static class ModuleLayout
{
    public static string RepositoryRoot { get; } = Path.TrimEndingDirectorySeparator(BuildMetadata("RepositoryRoot"));

    public static string SourceManifest => Path.Combine(RepositoryRoot, "CodeSigningCerts.psd1");

    public static string Version { get; } = BuildMetadata("ModuleVersion");

    public static string ModuleDirectory => Path.Combine(RepositoryRoot, "output", "CodeSigningCerts", Version);

    public static string Manifest => Path.Combine(ModuleDirectory, "CodeSigningCerts.psd1");

    /// <summary>What the build wrote into this assembly (EmbedModuleLayout in Directory.Build.props).</summary>
    private static string BuildMetadata(string key) =>
        typeof(ModuleLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException("The build did not embed " + key + ": is EmbedModuleLayout set in the project?");
}
