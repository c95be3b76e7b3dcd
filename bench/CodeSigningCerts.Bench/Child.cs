using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.Loader;
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

    public static int Run(string[] args)
    {
        try
        {
            var result = args[0] switch
            {
                "import" => Import(args[1], args.Length > 2 ? args[2] : null),
                "cold-module" => ColdModule(args[1], new Uri(args[2]), args[3], args[4]),
                "cold-bare" => ColdBare(new Uri(args[1]), args[2], args[3]),
                "percert" => PerCertificate(args[1], args[2], new Uri(args[3]), args[4], Int(args[5]), Int(args[6]), Int(args[7]), args[8]),
                "memory" => Memory(args[1], new Uri(args[2]), args[3], Int(args[4]), args[5]),
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

    /// <summary>
    /// Opens a runspace (timed apart), runs one trivial pipeline, then times Import-Module alone.
    /// With <paramref name="libDirectory"/>, also reports which assemblies the import loaded.
    /// </summary>
    private static Dictionary<string, object?> Import(string manifest, string? libDirectory)
    {
        var stopwatch = Stopwatch.StartNew();
        using var runspace = Hosted.Open();
        var openMs = stopwatch.Elapsed.TotalMilliseconds;
        Hosted.Warm(runspace);
        var cpuBefore = CpuMs();
        var before = LoadedAssemblies();
        if (Environment.GetEnvironmentVariable("BENCH_TRACE_LOADS") == "1")
        {
            // Diagnosis: who loads what during the import (stderr; the timing is then meaningless).
            AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Console.Error.WriteLine("LOAD " + e.LoadedAssembly.FullName + "\n" + Environment.StackTrace);
        }

        stopwatch.Restart();
        Hosted.Import(runspace, manifest);
        var importMs = stopwatch.Elapsed.TotalMilliseconds;
        var importCpuMs = CpuMs() - cpuBefore;
        var after = LoadedAssemblies();

        var result = new Dictionary<string, object?>
        {
            ["openMs"] = openMs,
            ["importMs"] = importMs,
            ["importCpuMs"] = importCpuMs,
        };
        if (libDirectory is not null)
        {
            var lib = Path.GetFullPath(libDirectory);
            result["loadedByImport"] = after.Where(a => !before.Any(b => b.Key == a.Key)).Select(a => a.Value).OrderBy(x => x, StringComparer.Ordinal).ToList();
            result["identityClient"] = IsLoaded("Microsoft.Identity.Client");
            result["newtonsoftFromLib"] = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Newtonsoft.Json" && !a.IsDynamic && a.Location.StartsWith(lib, StringComparison.Ordinal));
            result["newtonsoftAny"] = IsLoaded("Newtonsoft.Json");
            result["engine"] = IsLoaded("CodeSigningCerts.Engine");
            result["netHttp"] = IsLoaded("System.Net.Http");
            result["netHttpBeforeImport"] = before.Any(b => b.Value.StartsWith("System.Net.Http ", StringComparison.Ordinal));
            result["loadContexts"] = AssemblyLoadContext.All.Select(c => c.Name ?? "(unnamed)").ToList();
        }

        return result;
    }

    /// <summary>Import, Connect, the first New-: each timed, after the runspace is open and warm.</summary>
    private static Dictionary<string, object?> ColdModule(string manifest, Uri graph, string token, string certificateFile)
    {
        using var certificate = BenchCertificates.Load(File.ReadAllBytes(certificateFile));
        var secureToken = new System.Net.NetworkCredential(string.Empty, token).SecurePassword;
        using var runspace = Hosted.Open();
        Hosted.Warm(runspace);

        var cpuBefore = CpuMs();
        var stopwatch = Stopwatch.StartNew();
        Hosted.Import(runspace, manifest);
        var importMs = stopwatch.Elapsed.TotalMilliseconds;
        stopwatch.Restart();
        Hosted.Invoke(runspace, ps => ps.AddCommand("Connect-EnterpriseCodeSigning").AddParameter("GraphEndpoint", graph).AddParameter("AccessToken", secureToken));
        var connectMs = stopwatch.Elapsed.TotalMilliseconds;
        stopwatch.Restart();
        var created = Hosted.Invoke(runspace, ps => ps.AddCommand("New-EnterpriseCodeSigningCertificate").AddParameter("Certificate", certificate));
        var firstNewMs = stopwatch.Elapsed.TotalMilliseconds;
        var cpuMs = CpuMs() - cpuBefore;
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
            ["totalCpuMs"] = cpuMs,

            // The same checks as after the import, now after first use: the positive control of those checks.
            ["identityClient"] = IsLoaded("Microsoft.Identity.Client"),
            ["newtonsoftFromLib"] = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Newtonsoft.Json" && !a.IsDynamic && a.Location.StartsWith(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifest))!, "Dependencies"), StringComparison.Ordinal)),
            ["engine"] = IsLoaded("CodeSigningCerts.Engine"),
            ["netHttp"] = IsLoaded("System.Net.Http"),
        };
    }

    /// <summary>The same first POST with a bare HttpClient: from creating the client to the parsed answer.</summary>
    private static Dictionary<string, object?> ColdBare(Uri graph, string token, string certificateFile)
    {
        using var certificate = BenchCertificates.Load(File.ReadAllBytes(certificateFile));
        var cpuBefore = CpuMs();
        var stopwatch = Stopwatch.StartNew();
        using (var bare = new BareGraph(graph, token))
        {
            bare.PostAsync(certificate).GetAwaiter().GetResult();
        }

        var postMs = stopwatch.Elapsed.TotalMilliseconds;
        return new Dictionary<string, object?> { ["postMs"] = postMs, ["postCpuMs"] = CpuMs() - cpuBefore };
    }

    /// <summary>The bare POST made from the smallest binary cmdlet, in a pipeline per certificate: what any cmdlet pays.</summary>
    public const string BareCmdletPath = "bare-cmdlet-foreach";

    /// <summary>The paths timed per certificate: the budget's (bare, foreach, pipeline), then diagnostics that show where the time goes.</summary>
    public static readonly PerCertificatePath[] PerCertificatePaths =
    [
        new("bare", null, false, true, "Bare HttpClient POST (awaited one after another)"),
        new("bare-blocking", null, false, true, "Bare HttpClient POST, a thread blocked on each (as a pipeline thread waits)"),
        new("foreach", "foreach ($c in $benchCertificates) { $c | New-EnterpriseCodeSigningCertificate }", true, true),
        new("pipeline", "$benchCertificates | New-EnterpriseCodeSigningCertificate", true, true),
        new(BareCmdletPath, "foreach ($c in $benchCertificates) { $c | " + SendBareCertificateCommand.Name + " }", false, true),
        new("floor-foreach", "foreach ($c in $benchCertificates) { $c | Get-BenchEmpty }", false, true),
        new("floor-pipeline", "$benchCertificates | Get-BenchEmpty", false, true),
        new("whatif-foreach", "foreach ($c in $benchCertificates) { $c | New-EnterpriseCodeSigningCertificate -WhatIf }", false, false),
        new("whatif-pipeline", "$benchCertificates | New-EnterpriseCodeSigningCertificate -WhatIf", false, false),
    ];

    /// <summary>
    /// N sequential New- calls (a pipeline per certificate, and one pipeline of N) against N bare
    /// HttpClient POSTs, in one process: warm-up rounds (kept apart: how long warming takes is worth
    /// seeing), then measured rounds whose order rotates. The emulator is reset before every run, so
    /// each starts from an empty store.
    /// </summary>
    private static Dictionary<string, object?> PerCertificate(string manifest, string emptyManifest, Uri graph, string token, int count, int warmupRounds, int rounds, string connectArgs)
    {
        var certificates = BenchCertificates.CreateDer(count, rsa: true, label: "PerCert").Select(BenchCertificates.Load).ToArray();
        using var runspace = Hosted.Open(new SessionStateCmdletEntry(SendBareCertificateCommand.Name, typeof(SendBareCertificateCommand), null));
        Hosted.Import(runspace, manifest);
        Hosted.Import(runspace, emptyManifest);
        var knob = (Hosted.FindLimiterKnob(runspace) + " " + connectArgs).Trim();
        Hosted.Connect(runspace, graph, token, knob);
        runspace.SessionStateProxy.SetVariable("benchCertificates", certificates);
        using var bare = new BareGraph(graph, token);
        SendBareCertificateCommand.Graph = bare;
        using var control = new EmulatorControl(graph);

        // A run not done by then is stalled: the module's own write pacing, most likely. BENCH_DEADLINE_SECONDS overrides (to test this).
        var deadline = TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("BENCH_DEADLINE_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : Math.Max(30, count * 0.02));

        // Diagnosis (with a profiler attached): BENCH_PATHS=pipeline,bare runs only those paths.
        var only = Environment.GetEnvironmentVariable("BENCH_PATHS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var paths = PerCertificatePaths.Where(p => only is null || only.Contains(p.Name)).ToArray();
        var warmup = PerCertificatePaths.ToDictionary(p => p.Name, _ => new List<double>());
        var times = PerCertificatePaths.ToDictionary(p => p.Name, _ => new List<double>());
        var cpu = PerCertificatePaths.ToDictionary(p => p.Name, _ => new List<double>());
        var exceptions = PerCertificatePaths.ToDictionary(p => p.Name, _ => 0L);
        var connections = PerCertificatePaths.ToDictionary(p => p.Name, _ => (int?)0);
        long thrown = 0;
        var exceptionTypes = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            Interlocked.Increment(ref thrown);
            exceptionTypes.AddOrUpdate(e.Exception.GetType().FullName ?? "?", 1, (_, n) => n + 1);
        };
        var methods = new Dictionary<string, int>();
        var jitted = PerCertificatePaths.ToDictionary(p => p.Name, _ => 0L);
        var allocated = PerCertificatePaths.ToDictionary(p => p.Name, _ => new List<double>());
        var collections = PerCertificatePaths.ToDictionary(p => p.Name, _ => 0L);
        var gcPauseMs = PerCertificatePaths.ToDictionary(p => p.Name, _ => 0.0);
        var settleJitted = Settle(runspace, control, bare, graph, token, knob, certificates, paths);
        string? stallNote = null;
        for (var round = -warmupRounds; round < rounds && stallNote is null; round++)
        {
            var shift = (round + warmupRounds) % paths.Length;
            foreach (var (name, script, module, outputs, _) in paths.Skip(shift).Concat(paths.Take(shift)))
            {
                StartAfresh(runspace, control, graph, token, knob);
                var portsBefore = TcpClientPorts(graph.Port);
                var cpuBefore = CpuMs();
                var thrownBefore = Interlocked.Read(ref thrown);
                var jittedBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
                var gcsBefore = GC.CollectionCount(0);
                var pauseBefore = GC.GetTotalPauseDuration();
                var run = RunPath(runspace, bare, name, script, outputs, certificates, deadline);
                if (run.Stalled)
                {
                    stallNote = $"{name}: {run.Done} of {count} done when the {deadline.TotalSeconds:0.##} s deadline passed";
                    break;
                }

                var ms = run.Ms;

                var cpuMs = CpuMs() - cpuBefore;
                var thrownInRun = Interlocked.Read(ref thrown) - thrownBefore;
                var jittedInRun = System.Runtime.JitInfo.GetCompiledMethodCount() - jittedBefore;
                var allocatedInRun = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
                var gcsInRun = GC.CollectionCount(0) - gcsBefore;
                var pauseInRun = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
                var portsAfter = TcpClientPorts(graph.Port);
                if (module)
                {
                    foreach (var (method, n) in control.RequestsByMethod())
                    {
                        methods[method] = methods.GetValueOrDefault(method) + n;
                    }
                }

                if (round < 0)
                {
                    warmup[name].Add(ms);
                    continue;
                }

                times[name].Add(ms);
                cpu[name].Add(cpuMs);
                exceptions[name] += thrownInRun;
                jitted[name] += jittedInRun;
                allocated[name].Add(allocatedInRun);
                collections[name] += gcsInRun;
                gcPauseMs[name] += pauseInRun;
                connections[name] = portsBefore is null || portsAfter is null ? null : connections[name] + portsAfter.Except(portsBefore).Count();
            }
        }

        return new Dictionary<string, object?>
        {
            ["count"] = count,
            ["knob"] = knob,
            ["warmupRoundsMs"] = warmup,
            ["roundsMs"] = times,
            ["cpuRoundsMs"] = cpu,
            ["exceptions"] = exceptions,
            ["exceptionTypes"] = exceptionTypes,
            ["jitted"] = jitted,
            ["allocatedRounds"] = allocated,
            ["gen0Collections"] = collections,
            ["gcPauseMs"] = gcPauseMs,
            ["settleJitted"] = settleJitted,
            ["newConnections"] = connections,
            ["moduleRequests"] = methods,
            ["stalled"] = stallNote is not null,
            ["stallNote"] = stallNote,
        };
    }

    /// <summary>
    /// Runs every path many times over a few certificates before the warm-up rounds. What a run does once (PowerShell
    /// parsing and compiling the script, Connect, the emulator's reset) is called once per run, so warm-up rounds alone
    /// leave it at its first JIT tier, and the JIT then recompiles it in the background during the measured runs, taking
    /// CPU from them on a small machine. Returns the methods the JIT compiled in each settling round: the last ones show
    /// how much was left.
    /// </summary>
    private static List<long> Settle(Runspace runspace, EmulatorControl control, BareGraph bare, Uri graph, string token, string knob, X509Certificate2[] certificates, PerCertificatePath[] paths)
    {
        const int SettleRounds = 40;
        const int SettleCertificates = 4;
        var few = certificates.Take(SettleCertificates).ToArray();
        var perRound = new List<long>();
        runspace.SessionStateProxy.SetVariable("benchCertificates", few);
        for (var round = 0; round < SettleRounds; round++)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            foreach (var (name, script, _, outputs, _) in paths)
            {
                StartAfresh(runspace, control, graph, token, knob);
                RunPath(runspace, bare, name, script, outputs, few, TimeSpan.FromSeconds(30));
            }

            perRound.Add(System.Runtime.JitInfo.GetCompiledMethodCount() - before);
        }

        runspace.SessionStateProxy.SetVariable("benchCertificates", certificates);
        return perRound;
    }

    /// <summary>
    /// An empty tenant and a fresh connection to it (not timed): a connection keeps its listing of the tenant for
    /// 30 s, and would refuse this run's certificates as the previous run's.
    /// </summary>
    private static void StartAfresh(Runspace runspace, EmulatorControl control, Uri graph, string token, string knob)
    {
        control.Reset();
        Hosted.Connect(runspace, graph, token, knob);
    }

    /// <summary>One run of a path over <paramref name="inputs"/>: the bare POSTs, or the path's script in the runspace.</summary>
    private static (double Ms, int Done, bool Stalled) RunPath(Runspace runspace, BareGraph bare, string name, string? script, bool outputs, X509Certificate2[] inputs, TimeSpan deadline)
    {
        if (script is null)
        {
            return (name == "bare" ? RunBare(bare, inputs) : RunBareBlocking(bare, inputs), inputs.Length, false);
        }

        return RunModule(runspace, script, outputs ? inputs.Length : 0, deadline);
    }

    /// <summary>
    /// The local ports of TCP sockets (any state, TIME_WAIT included) from this machine to
    /// 127.0.0.1:<paramref name="serverPort"/>: a port new after a run is a connection opened during it.
    /// Both tables: .NET's sockets are dual-mode IPv6 ones, listed in /proc/net/tcp6 even to 127.0.0.1.
    /// Null where /proc/net/tcp does not exist.
    /// </summary>
    private static HashSet<int>? TcpClientPorts(int serverPort)
    {
        if (!File.Exists("/proc/net/tcp"))
        {
            return null;
        }

        var ports = new HashSet<int>();
        foreach (var line in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(table => File.ReadLines(table).Skip(1)))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 3 && PortOf(fields[2]) == serverPort)
            {
                ports.Add(PortOf(fields[1]));
            }
        }

        return ports;

        static int PortOf(string address) => int.Parse(address.AsSpan(address.IndexOf(':', StringComparison.Ordinal) + 1), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double RunBare(BareGraph bare, X509Certificate2[] certificates)
    {
        var stopwatch = Stopwatch.StartNew();
        Task.Run(async () =>
        {
            foreach (var certificate in certificates)
            {
                await bare.PostAsync(certificate);
            }
        }).GetAwaiter().GetResult();
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// The bare POSTs again, but each awaited by blocking one dedicated thread until it is done, as a cmdlet's
    /// pipeline thread must wait for each request: the cost of that one hand-off per request, which no cmdlet avoids.
    /// </summary>
    private static double RunBareBlocking(BareGraph bare, X509Certificate2[] certificates)
    {
        double ms = 0;
        var thread = new Thread(() =>
        {
            var stopwatch = Stopwatch.StartNew();
            foreach (var certificate in certificates)
            {
                bare.PostAsync(certificate).GetAwaiter().GetResult();
            }

            ms = stopwatch.Elapsed.TotalMilliseconds;
        });
        thread.Start();
        thread.Join();
        return ms;
    }

    /// <summary>Runs a script that should write <paramref name="expected"/> objects; stops it at the deadline (a throttling limiter).</summary>
    private static (double Ms, int Done, bool Stalled) RunModule(Runspace runspace, string script, int expected, TimeSpan deadline)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        using var output = new PSDataCollection<PSObject>();
        var stopwatch = Stopwatch.StartNew();
        var pending = ps.BeginInvoke<PSObject, PSObject>(null, output);
        var finished = pending.AsyncWaitHandle.WaitOne(deadline);
        if (!finished)
        {
            ps.Stop();
            return (stopwatch.Elapsed.TotalMilliseconds, output.Count, true);
        }

        ps.EndInvoke(pending);
        var ms = stopwatch.Elapsed.TotalMilliseconds;
        if (ps.Streams.Error.Count > 0 || output.Count != expected)
        {
            throw new InvalidOperationException($"{script}: {output.Count} of {expected} created; errors: " + string.Join(" | ", ps.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        }

        return (ms, output.Count, false);
    }

    /// <summary>
    /// N certificates through one pipeline (made lazily from DER bytes, so the inputs themselves are not
    /// held), output streamed to Out-Null: managed memory after a full collection, before and after.
    /// </summary>
    private static Dictionary<string, object?> Memory(string manifest, Uri graph, string token, int count, string connectArgs)
    {
        var der = BenchCertificates.CreateDer(count, rsa: false, label: "Memory");
        using var runspace = Hosted.Open();
        var afterOpen = CollectedManagedBytes();
        Hosted.Import(runspace, manifest);
        var knob = Hosted.FindLimiterKnob(runspace);
        Hosted.Connect(runspace, graph, token, (knob + " " + connectArgs).Trim());

        // Warm-up through the same pipeline shape, with certificates of its own (the measured ones would
        // otherwise be refused as already uploaded), then the baseline.
        runspace.SessionStateProxy.SetVariable("benchCertificates", Lazy(BenchCertificates.CreateDer(20, rsa: false, label: "Memory Warm-up")));
        Hosted.Invoke(runspace, ps => ps.AddScript("$benchCertificates | New-EnterpriseCodeSigningCertificate | Out-Null"));
        var start = CollectedManagedBytes();
        var workingSetStart = Environment.WorkingSet;

        runspace.SessionStateProxy.SetVariable("benchCertificates", Lazy(der));
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript("$benchCertificates | New-EnterpriseCodeSigningCertificate | Out-Null");
        var stopwatch = Stopwatch.StartNew();
        var pending = ps.BeginInvoke();
        var deadline = TimeSpan.FromSeconds(Math.Max(60, count / 50.0));
        var stalled = !pending.AsyncWaitHandle.WaitOne(deadline);
        if (stalled)
        {
            ps.Stop();
        }
        else
        {
            ps.EndInvoke(pending);
        }

        var elapsedMs = stopwatch.Elapsed.TotalMilliseconds;
        if (!stalled && ps.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException("Errors in the memory run: " + string.Join(" | ", ps.Streams.Error.Take(5)));
        }

        runspace.SessionStateProxy.SetVariable("benchCertificates", null);
        var end = CollectedManagedBytes();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new Dictionary<string, object?>
        {
            ["count"] = count,
            ["knob"] = (knob + " " + connectArgs).Trim(),
            ["afterOpenBytes"] = afterOpen,
            ["startBytes"] = start,
            ["endBytes"] = end,
            ["elapsedMs"] = elapsedMs,
            ["workingSetStart"] = workingSetStart,
            ["peakWorkingSet"] = process.PeakWorkingSet64,
            ["stalled"] = stalled,
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

    private static List<KeyValuePair<string, string>> LoadedAssemblies() =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => new KeyValuePair<string, string>(
                (a.GetName().Name ?? "?") + "|" + (a.IsDynamic ? "dynamic" : a.Location) + "|" + (AssemblyLoadContext.GetLoadContext(a)?.Name ?? "?"),
                (a.GetName().Name ?? "?") + " [" + (AssemblyLoadContext.GetLoadContext(a)?.Name ?? "?") + "]"))
            .ToList();

    /// <summary>CPU time of the whole process (every thread), which contention from other processes inflates far less than wall time.</summary>
    private static double CpuMs()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    private static bool IsLoaded(string name) => AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == name);
}
