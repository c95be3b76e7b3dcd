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

        var results = new Results { Options = options, Machine = Machine.Describe(), LoadBefore = Machine.LoadAverage(), Priority = SetPriority(), ModuleConfiguration = ModuleConfiguration() };
        if (results.ModuleConfiguration != "Release")
        {
            Console.Error.WriteLine($"Warning: the module in output/ is a {results.ModuleConfiguration} build; run with -c Release for representative numbers.");
        }

        // The module's own cost is measured against an emulator that neither limits nor lags (pacing off on the module
        // side too); the per-command rows (issue 22) and the bulk rows get emulators of their own with the service's defaults.
        var token = "bench-" + Guid.NewGuid().ToString("N");
        await using var emulator = await GraphEmulatorServer.StartAsync(new EmulatorOptions { AccessToken = token, EnforceLimits = false, ListingLag = TimeSpan.Zero });
        var graph = emulator.BaseUri.ToString();
        var scratch = Directory.CreateTempSubdirectory("codesigningcerts-bench-");
        try
        {
            var coldCertificate = Path.Combine(scratch.FullName, "cold.cer");
            File.WriteAllBytes(coldCertificate, BenchCertificates.CreateDer(1, rsa: true, label: "Cold")[0]);
            await WarmEmulatorAsync(emulator, token);

            if (options.Runs("import"))
            {
                Step($"import: {options.Samples} fresh processes each, CodeSigningCerts and the empty module, interleaved");
                for (var i = 0; i < options.Samples; i++)
                {
                    // Which goes first alternates, so a burst of other work on the machine hits both sides alike.
                    var moduleFirst = i % 2 == 0;
                    if (moduleFirst)
                    {
                        results.ModuleImportMs.Add(ChildProcess.Run("import", Paths.ModuleManifest).GetProperty("importMs").GetDouble());
                    }

                    results.EmptyImportMs.Add(ChildProcess.Run("import", Paths.EmptyModuleManifest).GetProperty("importMs").GetDouble());
                    if (!moduleFirst)
                    {
                        results.ModuleImportMs.Add(ChildProcess.Run("import", Paths.ModuleManifest).GetProperty("importMs").GetDouble());
                    }
                }
            }

            if (options.Runs("cold"))
            {
                Step($"cold start: {options.Samples} fresh processes each, module (import + Connect + first New-) and bare HttpClient POST, interleaved");
                for (var i = 0; i < options.Samples; i++)
                {
                    // An empty tenant for the module each time: the certificate the bare POST (or the last sample)
                    // uploaded would be refused as already uploaded.
                    var moduleFirst = i % 2 == 0;
                    if (!moduleFirst)
                    {
                        results.BarePostMs.Add(ChildProcess.Run("cold-bare", graph, token, coldCertificate).GetProperty("postMs").GetDouble());
                    }

                    emulator.Reset();
                    results.AddColdModule(ChildProcess.Run("cold-module", Paths.ModuleManifest, graph, token, coldCertificate));
                    if (moduleFirst)
                    {
                        results.BarePostMs.Add(ChildProcess.Run("cold-bare", graph, token, coldCertificate).GetProperty("postMs").GetDouble());
                    }
                }
            }

            if (options.Runs("percert"))
            {
                Step($"per certificate: {options.WarmupRounds} warm-up and {options.Rounds} measured rounds of {options.Certificates} sequential certificates per path");
                emulator.Reset();
                results.PerCertificate = RoundsResult.From(ChildProcess.Run("percert", Paths.ModuleManifest, graph, token, BenchOptions.Invariant(options.Certificates), BenchOptions.Invariant(options.WarmupRounds), BenchOptions.Invariant(options.Rounds)));

                // Issue 22: a command per new certificate, against an emulator with the service's defaults (Intune's limits
                // and a listing that lags), so a command that waited for the listing would show it.
                var defaults = new EmulatorOptions { AccessToken = token };
                Step($"per command: {options.WarmupRounds} warm-up and {options.CommandRounds} measured rounds of {options.CommandCertificates} certificates, a command each, listing {defaults.ListingLag.TotalSeconds:0.###} s late");
                await using var lagging = await GraphEmulatorServer.StartAsync(defaults);
                await WarmEmulatorAsync(lagging, token);
                results.PerCommandListingLag = defaults.ListingLag;
                results.PerCommand = RoundsResult.From(ChildProcess.Run("percommand", Paths.ModuleManifest, lagging.BaseUri.ToString(), token, BenchOptions.Invariant(options.CommandCertificates), BenchOptions.Invariant(options.WarmupRounds), BenchOptions.Invariant(options.CommandRounds)));
            }

            if (options.Runs("memory"))
            {
                Step($"memory: {options.MemoryCertificates} certificates through one pipeline");
                emulator.Reset();
                results.Memory = MemoryResult.From(ChildProcess.Run("memory", Paths.ModuleManifest, graph, token, BenchOptions.Invariant(options.MemoryCertificates)));
            }

            emulator.Reset();
            if (options.Runs("bulk"))
            {
                Step($"bulk: {options.BulkCertificates} certificates with pacing on, against the emulator's real limits (about {(options.BulkCertificates - 1) / 100 * 20} s)");
                results.Bulk = await BulkAsync(1, options.BulkCertificates);
                Step($"bulk: two runs at once, {options.BulkCertificates / 2} certificates each, tokens of the same app and tenant");
                results.TwoRuns = await BulkAsync(2, options.BulkCertificates / 2);
            }

            if (options.Runs("verify"))
            {
                Step("verify: a signed 100 MB package, the module's verification and sha256sum side by side");
                results.Verify = PackageVerifyBench.Run(scratch.FullName, Math.Min(7, options.Samples));
            }

            if (options.Runs("tenants"))
            {
                Step($"tenants: {options.TenantCertificates} certificates to one tenant alone, then to each of two tenants at once, a parallel runspace and a connection per tenant");
                results.OneTenant = await ManyTenants.MeasureAsync(1, options.TenantCertificates);
                results.TwoTenants = await ManyTenants.MeasureAsync(2, options.TenantCertificates);
            }

            if (options.Runs("path"))
            {
                Step("path: the module's files and types one new certificate runs through, from New- to the POST and back (issue 23)");
                emulator.Reset();
                PrintPath(ChildProcess.Run("path", Paths.ModuleManifest, graph, token));
            }

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

    /// <summary>
    /// <paramref name="runs"/> child processes at once, each uploading <paramref name="certificates"/> certificates of its
    /// own through one pipeline with the default Connect (pacing on), against an emulator with the service's defaults:
    /// Intune's limits (100 writes per 20 s per app and tenant, 200 per tenant) and its listing lag. Every run has its
    /// own token, and every token is the same application in the same tenant, as two runbooks of one app registration.
    /// </summary>
    private static async Task<BulkResult> BulkAsync(int runs, int certificates)
    {
        var options = new EmulatorOptions();
        var tokens = Enumerable.Range(0, runs).Select(_ => "bench-" + Guid.NewGuid().ToString("N")).ToList();
        options.AccessToken = tokens[0];
        foreach (var token in tokens)
        {
            options.ExtraAcceptedTokens.Add(token);
            options.TokenApps[token] = "bench-application";
        }

        await using var emulator = await GraphEmulatorServer.StartAsync(options);
        var graph = emulator.BaseUri.ToString();

        // One run starts at once; several start together at a moment each is ready by (process, runspace, import,
        // Connect and certificates first), so they really overlap.
        var startAt = runs == 1 ? 0 : DateTimeOffset.UtcNow.AddSeconds(10).ToUnixTimeMilliseconds();
        var children = tokens.Select((token, i) => Task.Run(() => BulkRun.From(ChildProcess.Run(
            "bulk", Paths.ModuleManifest, graph, token, BenchOptions.Invariant(certificates), "Bulk " + i, startAt.ToString(CultureInfo.InvariantCulture))))).ToList();
        var results = (await Task.WhenAll(children)).ToList();
        var requests = emulator.Requests.All;
        return new BulkResult(
            results,
            requests.Count(r => r.Method == "POST"),
            requests.Count(r => r.ResponseStatus == 429),
            emulator.Certificates.Count);
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
    private static string SetPriority()
    {
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

    /// <summary>Issue 23's count: printed, not a row of the table (it measures the code's shape, not its speed).</summary>
    private static void PrintPath(JsonElement path)
    {
        foreach (var (window, title) in new[] { ("new", "New- of one new certificate, and its result read"), ("connect", "Connect- (run before; a method it ran is not counted above)") })
        {
            var part = path.GetProperty(window);
            var files = part.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ToList();
            var types = part.GetProperty("types").EnumerateArray().Select(t => t.GetString()).ToList();
            Console.WriteLine($"{title}: {files.Count} files, {types.Count} types, {part.GetProperty("methods").GetInt32()} methods");
            Console.WriteLine("  files: " + string.Join(", ", files));
            Console.WriteLine("  types: " + string.Join(", ", types));
        }
    }

    private static void Step(string text) =>
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");
}
