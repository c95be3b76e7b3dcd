using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GraphEmulator;

namespace CodeSigningCerts.Bench;

/// <summary>The parent: starts the emulator, runs every measurement (children one at a time), reports.</summary>
internal static class Runner
{
    public static int Run(BenchOptions options) => RunAsync(options).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(BenchOptions options)
    {
        var total = Stopwatch.StartNew();
        foreach (var required in new[] { Paths.ModuleManifest, Paths.EmptyModuleManifest })
        {
            if (!File.Exists(required))
            {
                Console.Error.WriteLine(required + " is missing: run the benchmark with dotnet run, which builds the module and the baseline first.");
                return 2;
            }
        }

        var results = new Results { Options = options, Machine = Machine.Describe(), LoadBefore = Machine.LoadAverage(), Priority = SetPriority(options), ModuleConfiguration = ModuleConfiguration() };
        if (results.ModuleConfiguration != "Release")
        {
            Console.Error.WriteLine($"Warning: the module in output/ is a {results.ModuleConfiguration} build; run with -c Release for representative numbers.");
        }
        var token = "bench-" + Guid.NewGuid().ToString("N");
        await using var emulator = await GraphEmulatorServer.StartAsync(new EmulatorOptions { AccessToken = token, EnforceLimits = false, ListingLag = TimeSpan.Zero });
        var graph = emulator.BaseUri.ToString();
        var scratch = Directory.CreateTempSubdirectory("codesigningcerts-bench-");
        try
        {
            var coldCertificate = Path.Combine(scratch.FullName, "cold.cer");
            File.WriteAllBytes(coldCertificate, BenchCertificates.CreateDer(1, rsa: true, label: "Cold")[0]);
            await WarmEmulatorAsync(emulator, token);

            Step($"1/5 import: {options.Samples} fresh processes each, CodeSigningCerts and the empty module, interleaved");
            var libDirectory = Path.Combine(Paths.ModuleDirectory, "Dependencies");
            for (var i = 0; i < options.Samples && options.Runs("import"); i++)
            {
                var moduleFirst = i % 2 == 0;
                if (moduleFirst)
                {
                    results.AddModuleImport(ChildProcess.Run("import", Paths.ModuleManifest, libDirectory));
                }

                results.AddEmptyImport(ChildProcess.Run("import", Paths.EmptyModuleManifest));
                if (!moduleFirst)
                {
                    results.AddModuleImport(ChildProcess.Run("import", Paths.ModuleManifest, libDirectory));
                }
            }

            Step($"2/5 cold start: {options.Samples} fresh processes each, module (import + Connect + first New-) and bare HttpClient POST, interleaved");
            for (var i = 0; i < options.Samples && options.Runs("cold"); i++)
            {
                // The two alternate which goes first, as the import samples do. An empty tenant for the module each
                // time: the certificate the bare POST (or the last sample) uploaded would be refused as already uploaded.
                var moduleFirst = i % 2 == 0;
                if (!moduleFirst)
                {
                    results.AddColdBare(ChildProcess.Run("cold-bare", graph, token, coldCertificate));
                }

                emulator.Reset();
                results.AddColdModule(ChildProcess.Run("cold-module", Paths.ModuleManifest, graph, token, coldCertificate));
                if (moduleFirst)
                {
                    results.AddColdBare(ChildProcess.Run("cold-bare", graph, token, coldCertificate));
                }
            }

            Step($"3/5 per certificate: {options.WarmupRounds} warm-up and {options.Rounds} measured round(s) of {options.Certificates} sequential certificates per path");
            emulator.Reset();
            if (options.Runs("percert"))
            {
                results.SetPerCertificate(ChildProcess.Run("percert", Paths.ModuleManifest, Paths.EmptyModuleManifest, graph, token, Invariant(options.Certificates), Invariant(options.WarmupRounds), Invariant(options.Rounds), options.ConnectArgs));
            }

            emulator.Reset();

            if (!options.Runs("memory"))
            {
            }
            else if (results.PerCertificate?.Stalled == true)
            {
                Step("4/5 memory: skipped, the module's write limiter stalled the per-certificate run (see the report)");
            }
            else
            {
                Step($"4/5 memory: {options.MemoryCertificates} certificates through one pipeline");
                results.SetMemory(ChildProcess.Run("memory", Paths.ModuleManifest, graph, token, Invariant(options.MemoryCertificates), options.ConnectArgs));
                results.MemoryRequests = emulator.Requests.All.GroupBy(r => r.Method).ToDictionary(g => g.Key, g => g.Count());
                emulator.Reset();
            }

            Step("5/5 size of " + Paths.ModuleDirectory);
            results.Size = ModuleSize.Measure(Paths.ModuleDirectory);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        results.LoadAfter = Machine.LoadAverage();
        results.RunSeconds = total.Elapsed.TotalSeconds;
        var report = Report.Markdown(results);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.Write)
        {
            await File.WriteAllTextAsync(Paths.Report, report);
            Console.WriteLine("Written to " + Paths.Report);
        }

        return 0;
    }

    /// <summary>The emulator's own first-request costs (JIT, Kestrel) are paid here, before any sample.</summary>
    private static async Task WarmEmulatorAsync(GraphEmulatorServer emulator, string token)
    {
        using var bare = new BareGraph(emulator.BaseUri, token);
        foreach (var der in BenchCertificates.CreateDer(30, rsa: true, label: "Warm"))
        {
            using var certificate = BenchCertificates.Load(der);
            await bare.PostAsync(certificate);
        }

        emulator.Reset();
    }

    /// <summary>Children inherit it. Raising priority needs the right to (root, or CAP_SYS_NICE); without it the run says so.</summary>
    private static string SetPriority(BenchOptions options)
    {
        if (!options.RaisePriority)
        {
            return "normal (--normal-priority)";
        }

        try
        {
            using var self = Process.GetCurrentProcess();
            self.PriorityClass = ProcessPriorityClass.High;
            return "raised (ProcessPriorityClass.High, nice -11 on Linux), children inherit it";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return "normal (raising it was refused: " + ex.Message + ")";
        }
    }

    /// <summary>The build configuration of the module in output/ (AssemblyConfiguration), read without loading it for execution.</summary>
    private static string ModuleConfiguration()
    {
        using var stream = File.OpenRead(Path.Combine(Paths.ModuleDirectory, "CodeSigningCerts.dll"));
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind == System.Reflection.Metadata.HandleKind.MemberReference)
            {
                var constructor = reader.GetMemberReference((System.Reflection.Metadata.MemberReferenceHandle)attribute.Constructor);
                var type = reader.GetTypeReference((System.Reflection.Metadata.TypeReferenceHandle)constructor.Parent);
                if (reader.GetString(type.Name) == "AssemblyConfigurationAttribute")
                {
                    var blob = reader.GetBlobReader(attribute.Value);
                    blob.ReadUInt16(); // prolog
                    return blob.ReadSerializedString() ?? "?";
                }
            }
        }

        return "?";
    }

    private static void Step(string text) =>
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
