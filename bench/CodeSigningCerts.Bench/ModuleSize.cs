namespace CodeSigningCerts.Bench;

/// <summary>The bytes of the module folder as it ships.</summary>
internal sealed record ModuleSize(long TotalBytes, int Files, long LibBytes, List<(string Path, long Bytes)> Largest)
{
    public static ModuleSize Measure(string directory)
    {
        var files = new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).ToList();
        var lib = Path.Combine(directory, "Dependencies") + Path.DirectorySeparatorChar;
        return new ModuleSize(
            files.Sum(f => f.Length),
            files.Count,
            files.Where(f => f.FullName.StartsWith(lib, StringComparison.Ordinal)).Sum(f => f.Length),
            files.OrderByDescending(f => f.Length).Take(5).Select(f => (Path.GetRelativePath(directory, f.FullName), f.Length)).ToList());
    }
}
