using System.Text.RegularExpressions;

namespace CodeSigningCerts.Tests.Hosting;

/// <summary>Where the built module is: output/CodeSigningCerts/&lt;version from the manifest&gt;/, as it ships.</summary>
public static partial class ModuleLayout
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SourceManifest => Path.Combine(RepositoryRoot, "CodeSigningCerts.psd1");

    public static string Version { get; } = ReadVersion();

    public static string ModuleDirectory => Path.Combine(RepositoryRoot, "output", "CodeSigningCerts", Version);

    public static string Manifest => Path.Combine(ModuleDirectory, "CodeSigningCerts.psd1");

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CodeSigningCerts.psd1")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CodeSigningCerts.psd1 not found above " + AppContext.BaseDirectory);
    }

    private static string ReadVersion() =>
        VersionPattern().Match(File.ReadAllText(SourceManifest)).Groups[1].Value;

    [GeneratedRegex(@"ModuleVersion\s*=\s*'([0-9.]+)'")]
    private static partial Regex VersionPattern();
}
