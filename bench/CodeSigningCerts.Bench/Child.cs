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
    /// The per-certificate paths, against an emulator that neither limits nor lags, pacing off: the bare HttpClient
    /// requests of one pipeline (the listing, then a POST each); the smallest cmdlet making the same requests as New- in
    /// a pipeline per certificate (SendBareCertificateCommand); a pipeline per certificate; one pipeline.
    /// </summary>
    public static readonly TimedPath[] PerCertificatePaths =
    [
        new("bare", null, async (graph, inputs) =>
        {
            await graph.ListAsync();
            foreach (var certificate in inputs)
            {
                await graph.PostAsync(certificate);
            }
        }),
        new("bare-cmdlet", "foreach ($c in $benchCertificates) { $c | Send-BenchBareCertificate }"),
        new("foreach", "foreach ($c in $benchCertificates) { $c | New-EnterpriseCodeSigningCertificate }"),
        new("pipeline", "$benchCertificates | New-EnterpriseCodeSigningCertificate"),
    ];

    /// <summary>
    /// Issue 22's paths, a command per new certificate against an emulator with the service's defaults (Intune's limits,
    /// a listing that lags 1 s), default Connect (pacing on): each against the bare HttpClient requests it must send, a
    /// listing of the collection and a POST (and a DELETE) per certificate. The bare cmdlets in the same foreach are
    /// what PowerShell's commands alone cost on top of those requests: the floor of any module, reported beside the rows.
    /// </summary>
    public static readonly TimedPath[] PerCommandPaths =
    [
        new("bare-list-post", null, async (graph, inputs) =>
        {
            foreach (var certificate in inputs)
            {
                await graph.ListAsync();
                await graph.PostAsync(certificate);
            }
        }),
        new("new-each", "foreach ($c in $benchCertificates) { $c | New-EnterpriseCodeSigningCertificate }"),
        new("bare-cmdlet-each", "foreach ($c in $benchCertificates) { $c | Send-BenchBareCertificate }"),
        new("bare-list-post-delete", null, async (graph, inputs) =>
        {
            foreach (var certificate in inputs)
            {
                await graph.ListAsync();
                await graph.DeleteAsync(await graph.PostAsync(certificate));
            }
        }, Outputs: false),
        new("new-remove-each", "foreach ($c in $benchCertificates) { $c | New-EnterpriseCodeSigningCertificate | Remove-EnterpriseCodeSigningCertificate -Confirm:$false }", Outputs: false),
        new("bare-cmdlet-remove-each", "foreach ($c in $benchCertificates) { $c | Send-BenchBareCertificate | Remove-BenchBareCertificate }", Outputs: false),
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
                "percert" => PerCertificate(args[1], new Uri(args[2]), args[3], Int(args[4]), Int(args[5]), Int(args[6]), PerCertificatePaths, "-WriteLimit 0"),
                "percommand" => PerCertificate(args[1], new Uri(args[2]), args[3], Int(args[4]), Int(args[5]), Int(args[6]), PerCommandPaths, string.Empty),
                "memory" => Memory(args[1], new Uri(args[2]), args[3], Int(args[4])),
                "tenants" => ManyTenants.Run(args[1], new Uri(args[2]), Int(args[3]), args[4..]),
                "path" => PathTrace.Run(args[1], new Uri(args[2]), args[3]),
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
    /// N sequential certificates through each of <paramref name="allPaths"/> (the module's commands and their bare
    /// baselines), in one process, Connect with <paramref name="connectArgs"/> ("-WriteLimit 0": the module's own cost, not
    /// the deliberate wait): settling and warm-up rounds, then measured rounds whose order rotates. The emulator is reset
    /// and the module connected afresh before every run (not timed). Also what the emulator received in each path's last
    /// run, by method and status: the module's paths must send what their baselines send.
    /// </summary>
    private static Dictionary<string, object?> PerCertificate(string manifest, Uri graph, string token, int count, int warmupRounds, int rounds, TimedPath[] allPaths, string connectArgs)
    {
        var certificates = BenchCertificates.CreateDer(count, rsa: true, label: "PerCert").Select(BenchCertificates.Load).ToArray();
        using var runspace = Hosted.Open(
            new SessionStateCmdletEntry("Send-BenchBareCertificate", typeof(SendBareCertificateCommand), null),
            new SessionStateCmdletEntry("Remove-BenchBareCertificate", typeof(RemoveBareCertificateCommand), null));
        Hosted.Import(runspace, manifest);
        using var bare = new BareGraph(graph, token);
        SendBareCertificateCommand.Graph = bare;
        using var control = new EmulatorControl(graph);

        // Diagnosis (with a profiler attached): BENCH_PATHS=pipeline,bare runs only those paths.
        var only = Environment.GetEnvironmentVariable("BENCH_PATHS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var paths = allPaths.Where(p => only is null || only.Contains(p.Name)).ToArray();
        var times = paths.ToDictionary(p => p.Name, _ => new List<double>());
        var requests = new Dictionary<string, Dictionary<string, int>>();
        if (paths.Length == 0)
        {
            // BENCH_PATHS named only the other mode's paths.
            return new Dictionary<string, object?> { ["count"] = count, ["roundsMs"] = times, ["requests"] = requests };
        }

        var (settleCompiled, settleLastRound) = Settle(runspace, control, bare, graph, token, connectArgs, certificates.Take(4).ToArray(), paths);
        var compiledBeforeRounds = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (var round = -warmupRounds; round < rounds; round++)
        {
            var shift = (round + warmupRounds) % paths.Length;
            foreach (var path in paths.Skip(shift).Concat(paths.Take(shift)))
            {
                StartAfresh(runspace, control, graph, token, connectArgs);
                var ms = RunPath(runspace, bare, path, certificates);
                if (round >= 0)
                {
                    times[path.Name].Add(ms);
                }

                if (round == rounds - 1)
                {
                    requests[path.Name] = control.RequestCounts();
                }
            }
        }

        return new Dictionary<string, object?>
        {
            ["count"] = count,
            ["roundsMs"] = times,
            ["requests"] = requests,
            ["jit"] = new Dictionary<string, long>
            {
                ["settling"] = settleCompiled,
                ["settlingLastRound"] = settleLastRound,
                ["rounds"] = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBeforeRounds,
            },
        };
    }

    /// <summary>
    /// Runs every path 40 times over a few certificates first, then again until the JIT is quiet: until a round of every
    /// path, and a pause that leaves the JIT's background thread the CPU, compiles almost nothing new (at most 30 more
    /// rounds). What a run does once (PowerShell compiling the script, Connect, the emulator's reset) otherwise stays at
    /// its first JIT tier through the warm-up rounds, and the JIT recompiles it in the background during the measured ones,
    /// taking CPU from them on a small machine; on a busy one that background thread falls far behind, and the module's
    /// code (more of it than a bare path's) would be measured at tier 0. Returns how many methods were compiled while
    /// settling, and by the last settling round.
    /// </summary>
    private static (long Compiled, long LastRound) Settle(Runspace runspace, EmulatorControl control, BareGraph bare, Uri graph, string token, string connectArgs, X509Certificate2[] few, TimedPath[] paths)
    {
        var start = System.Runtime.JitInfo.GetCompiledMethodCount();
        var before = start;
        var last = long.MaxValue;
        for (var round = 0; round < 70 && (round < 40 || last > 5); round++)
        {
            foreach (var path in paths)
            {
                StartAfresh(runspace, control, graph, token, connectArgs);
                RunPath(runspace, bare, path, few);
            }

            if (round >= 39)
            {
                Thread.Sleep(250);
                var now = System.Runtime.JitInfo.GetCompiledMethodCount();
                last = now - before;
                before = now;
            }
        }

        return (System.Runtime.JitInfo.GetCompiledMethodCount() - start, last);
    }

    /// <summary>
    /// An empty tenant (every certificate of the run is new, and a re-run would only warn) with the emulator's
    /// limit windows empty, and a fresh connection to it, whose pacer's window is empty too (not timed).
    /// </summary>
    private static void StartAfresh(Runspace runspace, EmulatorControl control, Uri graph, string token, string connectArgs)
    {
        control.Reset();
        Hosted.Connect(runspace, graph, token, connectArgs);
    }

    /// <summary>One run over <paramref name="inputs"/>: the bare requests, or the path's script; its milliseconds.</summary>
    private static double RunPath(Runspace runspace, BareGraph bare, TimedPath path, X509Certificate2[] inputs)
    {
        var stopwatch = Stopwatch.StartNew();
        if (path.Bare is { } requests)
        {
            Task.Run(() => requests(bare, inputs)).GetAwaiter().GetResult();
            return stopwatch.Elapsed.TotalMilliseconds;
        }

        runspace.SessionStateProxy.SetVariable("benchCertificates", inputs);
        stopwatch.Restart();
        var output = Hosted.Invoke(runspace, ps => ps.AddScript(path.Script));
        var ms = stopwatch.Elapsed.TotalMilliseconds;
        var expected = path.Outputs ? inputs.Length : 0;
        if (output.Count != expected)
        {
            throw new InvalidOperationException($"{path.Script}: {output.Count} objects out for {inputs.Length} certificates, {expected} expected.");
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

/// <summary>
/// A timed path of the per-certificate modes: a script run in the warm runspace over $benchCertificates, or (no script)
/// bare HttpClient requests for the inputs. <paramref name="Outputs"/>: the script writes one object per certificate.
/// </summary>
internal sealed record TimedPath(string Name, string? Script, Func<BareGraph, X509Certificate2[], Task>? Bare = null, bool Outputs = true);
