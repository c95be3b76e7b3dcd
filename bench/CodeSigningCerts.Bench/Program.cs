namespace CodeSigningCerts.Bench;

/// <summary>
/// dotnet run -c Release --project bench/CodeSigningCerts.Bench [-- options]
///   --samples N        fresh processes per side for import and cold start (default 20)
///   --certificates N   sequential New- calls per round (default 500)
///   --rounds N         measured rounds per certificate path (default 30; the median counts)
///   --warmup N         warm-up rounds before them (default 6)
///   --normal-priority  do not raise the benchmark's priority (it asks for nice -11 so other work disturbs it less)
///   --memory N         certificates through one pipeline for the memory measurement (default 10000)
///   --connect-args S   extra Connect-EnterpriseCodeSigning parameters, e.g. "-SomeLimiterKnob 0"
///   --no-write         print the table only; leave docs/performance.md alone
///   --only LIST        run only these sections (import,cold,percert,memory); implies --no-write
///   --quick            5 samples, 100 certificates, 1 round, 1000 for memory: a smoke run, never written
/// The program re-launches itself as "dotnet CodeSigningCerts.Bench.dll --child MODE ..." for every sample.
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
