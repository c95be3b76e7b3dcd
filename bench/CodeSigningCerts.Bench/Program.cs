namespace CodeSigningCerts.Bench;

/// <summary>
/// dotnet run -c Release --project bench/CodeSigningCerts.Bench [-- --quick | --only import,cold,percert,memory,bulk,tenants | --no-write]
/// The program re-launches itself as "dotnet CodeSigningCerts.Bench.dll --child MODE ..." for every fresh-process sample.
/// </summary>
internal static class Program
{
    // Kept synchronous and free of other types: a child's Main must not load what it measures
    // (the JIT loads the assemblies of the types a method's body touches).
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--child")
        {
            return Child.Run(args.AsSpan(1).ToArray());
        }

        return Runner.Run(BenchOptions.Parse(args));
    }
}
