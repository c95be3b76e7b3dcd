using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace CodeSigningCerts.Bench;

/// <summary>
/// What runs in a child process: "dotnet CodeSigningCerts.Bench.dll --child MODE ...". Each mode times
/// only what it measures with a Stopwatch and prints one line: BENCH-RESULT {json}.
/// </summary>
internal static class Child
{
    public const string ResultPrefix = "BENCH-RESULT ";

    /// <summary>
    /// The per-certificate paths: the bare HttpClient POSTs; the smallest cmdlet making the same requests as New- in a
    /// pipeline per certificate (SendBareCertificateCommand); a pipeline per certificate; one pipeline.
    /// </summary>
    public static readonly (string Name, string? Script)[] PerCertificatePaths =
    [
        ("bare", null),
        ("bare-cmdlet", "foreach ($c in $benchCertificates) { $c | Send-BenchBareCertificate }"),
        ("foreach", "foreach ($c in $benchCertificates) { $c | New-EnterpriseCodeSigningCertificate }"),
        ("pipeline", "$benchCertificates | New-EnterpriseCodeSigningCertificate"),
    ];

    public static int Run(string[] args)
    {
        try
        {
            var result = args[0] switch
            {
                "import" => Import(args[1]),
                "cold-module" => ColdModule(args[1], new Uri(args[2]), args[3], args[4]),
                "cold-bare" => ColdBare(new Uri(args[1]), args[2], args[3]),
                "percert" => PerCertificate(args[1], new Uri(args[2]), args[3], Int(args[4]), Int(args[5]), Int(args[6])),
                "memory" => Memory(args[1], new Uri(args[2]), args[3], Int(args[4])),
                "tenants" => ManyTenants.Run(args[1], new Uri(args[2]), Int(args[3]), args[4..]),
                "bulk" => Bulk(args[1], new Uri(args[2]), args[3], Int(args[4]), args[5], long.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture)),
                _ => throw new ArgumentException("Unknown child mode " + args[0]),
            };
            Console.Out.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine(ex);
            return 1;
        }
    }

    private static int Int(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Opens a runspace, runs one trivial pipeline (neither timed), then times Import-Module alone.</summary>
    private static Dictionary<string, object?> Import(string manifest)
    {
        using var runspace = Hosted.Open();
        Hosted.Warm(runspace);
        if (Environment.GetEnvironmentVariable("BENCH_TRACE_LOADS") == "1")
        {
            // Diagnosis: who loads what during the import (stderr; the timing is then meaningless).
            AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Console.Error.WriteLine("LOAD " + e.LoadedAssembly.FullName + "\n" + Environment.StackTrace);
        }

        var stopwatch = Stopwatch.StartNew();
        Hosted.Import(runspace, manifest);
        return new Dictionary<string, object?> { ["importMs"] = stopwatch.Elapsed.TotalMilliseconds };
    }

    /// <summary>Import, Connect, the first New-: each timed, after the runspace is open and warm.</summary>
    private static Dictionary<string, object?> ColdModule(string manifest, Uri graph, string token, string certificateFile)
    {
        using var certificate = BenchCertificates.Load(File.ReadAllBytes(certificateFile));
        var secureToken = new System.Net.NetworkCredential(string.Empty, token).SecurePassword;
        using var runspace = Hosted.Open();
        Hosted.Warm(runspace);

        var stopwatch = Stopwatch.StartNew();
        Hosted.Import(runspace, manifest);
        var importMs = stopwatch.Elapsed.TotalMilliseconds;
        stopwatch.Restart();
        Hosted.Invoke(runspace, ps => ps.AddCommand("Connect-EnterpriseCodeSigning").AddParameter("GraphEndpoint", graph).AddParameter("AccessToken", secureToken));
        var connectMs = stopwatch.Elapsed.TotalMilliseconds;
        stopwatch.Restart();
        var created = Hosted.Invoke(runspace, ps => ps.AddCommand("New-EnterpriseCodeSigningCertificate").AddParameter("Certificate", certificate));
        var firstNewMs = stopwatch.Elapsed.TotalMilliseconds;
        if (created.Count != 1)
        {
            throw new InvalidOperationException("New- returned " + created.Count + " objects.");
        }

        return new Dictionary<string, object?>
        {
            ["importMs"] = importMs,
            ["connectMs"] = connectMs,
            ["firstNewMs"] = firstNewMs,
            ["totalMs"] = importMs + connectMs + firstNewMs,
        };
    }

    /// <summary>The same first POST with a bare HttpClient: from creating the client to the parsed answer.</summary>
    private static Dictionary<string, object?> ColdBare(Uri graph, string token, string certificateFile)
    {
        using var certificate = BenchCertificates.Load(File.ReadAllBytes(certificateFile));
        var stopwatch = Stopwatch.StartNew();
        using (var bare = new BareGraph(graph, token))
        {
            bare.PostAsync(certificate).GetAwaiter().GetResult();
        }

        return new Dictionary<string, object?> { ["postMs"] = stopwatch.Elapsed.TotalMilliseconds };
    }

    /// <summary>
    /// N sequential New- calls (a pipeline per certificate, and one pipeline of N) against N bare HttpClient POSTs, in one
    /// process, pacing off (-WriteLimit 0: this measures the module's own cost, not the deliberate wait): settling and
    /// warm-up rounds, then measured rounds whose order rotates. The emulator is reset before every run (empty store).
    /// </summary>
    private static Dictionary<string, object?> PerCertificate(string manifest, Uri graph, string token, int count, int warmupRounds, int rounds)
    {
        var certificates = BenchCertificates.CreateDer(count, rsa: true, label: "PerCert").Select(BenchCertificates.Load).ToArray();
        using var runspace = Hosted.Open(new SessionStateCmdletEntry("Send-BenchBareCertificate", typeof(SendBareCertificateCommand), null));
        Hosted.Import(runspace, manifest);
        using var bare = new BareGraph(graph, token);
        SendBareCertificateCommand.Graph = bare;
        using var control = new EmulatorControl(graph);

        // Diagnosis (with a profiler attached): BENCH_PATHS=pipeline,bare runs only those paths.
        var only = Environment.GetEnvironmentVariable("BENCH_PATHS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var paths = PerCertificatePaths.Where(p => only is null || only.Contains(p.Name)).ToArray();
        var times = PerCertificatePaths.ToDictionary(p => p.Name, _ => new List<double>());
        Settle(runspace, control, bare, graph, token, certificates.Take(4).ToArray(), paths);
        for (var round = -warmupRounds; round < rounds; round++)
        {
            var shift = (round + warmupRounds) % paths.Length;
            foreach (var (name, script) in paths.Skip(shift).Concat(paths.Take(shift)))
            {
                StartAfresh(runspace, control, graph, token);
                var ms = RunPath(runspace, bare, script, certificates);
                if (round >= 0)
                {
                    times[name].Add(ms);
                }
            }
        }

        return new Dictionary<string, object?> { ["count"] = count, ["roundsMs"] = times };
    }

    /// <summary>
    /// Runs every path 40 times over a few certificates first. What a run does once (PowerShell compiling the script,
    /// Connect, the emulator's reset) otherwise stays at its first JIT tier through the warm-up rounds, and the JIT
    /// recompiles it in the background during the measured ones, taking CPU from them on a small machine.
    /// </summary>
    private static void Settle(Runspace runspace, EmulatorControl control, BareGraph bare, Uri graph, string token, X509Certificate2[] few, (string Name, string? Script)[] paths)
    {
        for (var round = 0; round < 40; round++)
        {
            foreach (var (_, script) in paths)
            {
                StartAfresh(runspace, control, graph, token);
                RunPath(runspace, bare, script, few);
            }
        }
    }

    /// <summary>
    /// An empty tenant and a fresh connection to it (not timed): a connection keeps its listing of the tenant for
    /// 30 s, and would refuse this run's certificates as the previous run's.
    /// </summary>
    private static void StartAfresh(Runspace runspace, EmulatorControl control, Uri graph, string token)
    {
        control.Reset();
        Hosted.Connect(runspace, graph, token, "-WriteLimit 0");
    }

    /// <summary>One run over <paramref name="inputs"/>: the bare POSTs one after another, or the path's script; its milliseconds.</summary>
    private static double RunPath(Runspace runspace, BareGraph bare, string? script, X509Certificate2[] inputs)
    {
        var stopwatch = Stopwatch.StartNew();
        if (script is null)
        {
            Task.Run(async () =>
            {
                foreach (var certificate in inputs)
                {
                    await bare.PostAsync(certificate);
                }
            }).GetAwaiter().GetResult();
            return stopwatch.Elapsed.TotalMilliseconds;
        }

        runspace.SessionStateProxy.SetVariable("benchCertificates", inputs);
        stopwatch.Restart();
        var output = Hosted.Invoke(runspace, ps => ps.AddScript(script));
        var ms = stopwatch.Elapsed.TotalMilliseconds;
        if (output.Count != inputs.Length)
        {
            throw new InvalidOperationException($"{script}: {output.Count} of {inputs.Length} created.");
        }

        return ms;
    }

    /// <summary>
    /// N certificates through one pipeline (made lazily from DER bytes, so the inputs themselves are not held), pacing
    /// off, output streamed to Out-Null: managed memory after full collections, before and after.
    /// </summary>
    private static Dictionary<string, object?> Memory(string manifest, Uri graph, string token, int count)
    {
        var der = BenchCertificates.CreateDer(count, rsa: false, label: "Memory");
        using var runspace = Hosted.Open();
        Hosted.Import(runspace, manifest);
        Hosted.Connect(runspace, graph, token, "-WriteLimit 0");

        // Warm-up through the same pipeline shape, with certificates of its own (the measured ones would
        // otherwise be refused as already uploaded), then the baseline.
        runspace.SessionStateProxy.SetVariable("benchCertificates", Lazy(BenchCertificates.CreateDer(20, rsa: false, label: "Memory Warm-up")));
        Hosted.Invoke(runspace, ps => ps.AddScript("$benchCertificates | New-EnterpriseCodeSigningCertificate | Out-Null"));
        var start = CollectedManagedBytes();

        runspace.SessionStateProxy.SetVariable("benchCertificates", Lazy(der));
        var stopwatch = Stopwatch.StartNew();
        Hosted.Invoke(runspace, ps => ps.AddScript("$benchCertificates | New-EnterpriseCodeSigningCertificate | Out-Null"));
        var elapsedMs = stopwatch.Elapsed.TotalMilliseconds;
        runspace.SessionStateProxy.SetVariable("benchCertificates", null);
        var end = CollectedManagedBytes();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new Dictionary<string, object?>
        {
            ["count"] = count,
            ["startBytes"] = start,
            ["endBytes"] = end,
            ["elapsedMs"] = elapsedMs,
            ["peakWorkingSet"] = process.PeakWorkingSet64,
        };
    }

    /// <summary>
    /// What a user's bulk upload feels: N certificates through one pipeline with the default Connect (pacing on), timed
    /// from the pipeline's start to its end. Everything before is ready first; the pipeline starts at
    /// <paramref name="startAtUnixMs"/> (0: at once), so two runs started together really overlap. Errors are counted,
    /// not thrown: a run that loses certificates is a result.
    /// </summary>
    private static Dictionary<string, object?> Bulk(string manifest, Uri graph, string token, int count, string label, long startAtUnixMs)
    {
        var certificates = BenchCertificates.CreateDer(count, rsa: true, label: label).Select(BenchCertificates.Load).ToArray();
        using var runspace = Hosted.Open();
        Hosted.Import(runspace, manifest);
        Hosted.Connect(runspace, graph, token, string.Empty);
        runspace.SessionStateProxy.SetVariable("benchCertificates", certificates);
        var lateMs = 0.0;
        if (startAtUnixMs > 0)
        {
            var wait = DateTimeOffset.FromUnixTimeMilliseconds(startAtUnixMs) - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
            else
            {
                lateMs = -wait.TotalMilliseconds;
            }
        }

        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript("$benchCertificates | New-EnterpriseCodeSigningCertificate");
        var startedAt = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var output = ps.Invoke();
        var elapsedMs = stopwatch.Elapsed.TotalMilliseconds;
        return new Dictionary<string, object?>
        {
            ["count"] = count,
            ["created"] = output.Count,
            ["errors"] = ps.Streams.Error.Count,
            ["errorIds"] = ps.Streams.Error.Select(e => e.FullyQualifiedErrorId).Distinct().Take(5).ToList(),
            ["elapsedMs"] = elapsedMs,
            ["startedAtUnixMs"] = startedAt.ToUnixTimeMilliseconds(),
            ["lateMs"] = lateMs,
        };
    }

    private static IEnumerable<X509Certificate2> Lazy(IEnumerable<byte[]> der)
    {
        foreach (var bytes in der)
        {
            yield return BenchCertificates.Load(bytes);
        }
    }

    private static long CollectedManagedBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
