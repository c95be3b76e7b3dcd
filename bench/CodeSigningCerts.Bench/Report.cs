using System.Globalization;
using System.Text;

namespace CodeSigningCerts.Bench;

/// <summary>The table and its details, as docs/performance.md.</summary>
internal static class Report
{
    private const double ImportBudget = 1.5;
    private const double ColdBudget = 1.5;
    private const double PerCertificateBudget = 1.3;
    private const long MemoryBudgetBytes = 50_000_000;
    private const long SizeBudgetBytes = 5_000_000;
    private const double RunBudgetSeconds = 300;

    public static string Markdown(Results r)
    {
        var o = r.Options;
        var text = new StringBuilder();
        text.AppendLine("# Performance");
        text.AppendLine();
        text.AppendLine("Written by the benchmark, `dotnet run -c Release --project bench/CodeSigningCerts.Bench` (see");
        text.AppendLine("[bench/README.md](../bench/README.md)); run it again to refresh this page. Every baseline was measured");
        text.AppendLine("in the same run, on the same machine, against the same Graph emulator (tests/GraphEmulator on");
        text.AppendLine("127.0.0.1, pacing off) as the module. MB here is 10^6 bytes.");
        text.AppendLine();

        var m = r.Machine;
        text.AppendLine("## Machine");
        text.AppendLine();
        text.AppendLine("| | |");
        text.AppendLine("|---|---|");
        text.AppendLine($"| Date | {m.Date} |");
        text.AppendLine($"| Commit | {m.Commit} |");
        text.AppendLine($"| CPU | {m.Cpu}, {m.Cores} cores |");
        text.AppendLine($"| Memory | {m.MemoryGb} |");
        text.AppendLine($"| OS | {m.Os} |");
        text.AppendLine($"| .NET | {m.Dotnet} |");
        text.AppendLine($"| PowerShell | {m.PowerShell}, hosted in-process (the engine pwsh 7.6 runs) |");
        text.AppendLine($"| Benchmark run time | {r.RunSeconds:0} s, build excluded ({Pass(r.RunSeconds < RunBudgetSeconds)} against the 5-minute budget) |");
        text.AppendLine($"| Module measured | output/CodeSigningCerts/{Paths.ModuleVersion}/, {r.ModuleConfiguration} build{(r.ModuleConfiguration == "Release" ? string.Empty : " (**not Release: not representative**)")} |");
        text.AppendLine($"| Priority | {r.Priority} |");
        text.AppendLine($"| Load average (1, 5, 15 min) | {r.LoadBefore} at the start, {r.LoadAfter} at the end (other work on the machine; baselines interleave with the module so both see it) |");
        text.AppendLine();

        var importModule = Stats.Of(r.ModuleImportMs);
        var importEmpty = Stats.Of(r.EmptyImportMs);
        var coldTotal = Stats.Of(r.ColdTotalMs);
        var coldImport = Stats.Of(r.ColdImportMs);
        var barePost = Stats.Of(r.BarePostMs);
        var coldBaseline = coldImport.Median + barePost.Median;
        var pc = r.PerCertificate ?? new PerCertificateResult(0, string.Empty, [], [], [], [], [], [], [], [], [], [], [], [], false, null);
        var rounds = pc.RoundsMs.GetValueOrDefault("foreach")?.Count ?? 0;
        var barePer = pc.PerCertificateMs("bare");
        var foreachPer = pc.PerCertificateMs("foreach");
        var pipelinePer = pc.PerCertificateMs("pipeline");

        text.AppendLine("## Budgets");
        text.AppendLine();
        text.AppendLine("| Measure | CodeSigningCerts | Baseline | Ratio | Budget | Result |");
        text.AppendLine("|---|---:|---:|---:|---|---|");
        text.AppendLine($"| Import-Module, fresh process (median of {importModule.Count}) | {Ms(importModule.Median)} | {Ms(importEmpty.Median)} empty binary module | {Ratio(importModule.Median, importEmpty.Median)} | ≤ {ImportBudget}× | {Pass(importModule.Median <= ImportBudget * importEmpty.Median)} |");
        text.AppendLine($"| Cold start: import + Connect + first New-, fresh process (median of {coldTotal.Count}) | {Ms(coldTotal.Median)} | {Ms(coldBaseline)} = import {Ms(coldImport.Median)} + bare HttpClient first POST {Ms(barePost.Median)} | {Ratio(coldTotal.Median, coldBaseline)} | ≤ {ColdBudget}× | {Pass(coldTotal.Median <= ColdBudget * coldBaseline)} |");
        if (pc.Stalled)
        {
            text.AppendLine($"| Per certificate, {pc.Count} sequential New- | stalled: {pc.StallNote} | {Ms(barePer, 3)} bare HttpClient POST | — | ≤ {PerCertificateBudget}× | **FAIL** (the module's write limiter; see below) |");
        }
        else
        {
            text.AppendLine($"| Per certificate, {pc.Count} × `$c \\| New-…` in a foreach (median of {rounds} rounds) | {Ms(foreachPer, 3)} | {Ms(barePer, 3)} bare HttpClient POST | {Spread(pc.PairedRatios("foreach"))} | ≤ {PerCertificateBudget}× | {Pass(pc.PairedRatio("foreach") <= PerCertificateBudget)} |");
            text.AppendLine($"| Per certificate, one pipeline of {pc.Count} (median of {rounds} rounds) | {Ms(pipelinePer, 3)} | {Ms(barePer, 3)} bare HttpClient POST | {Spread(pc.PairedRatios("pipeline"))} | ≤ {PerCertificateBudget}× | {Pass(pc.PairedRatio("pipeline") <= PerCertificateBudget)} |");
        }

        if (r.Memory is { } mem)
        {
            text.AppendLine($"| Managed memory growth, {mem.Count:N0} certificates through one pipeline | {Mb(mem.Growth)} | — | — | < {Mb(MemoryBudgetBytes, 0)} | {(mem.Stalled ? "**FAIL** (stalled)" : Pass(mem.Growth < MemoryBudgetBytes))} |");
        }
        else
        {
            text.AppendLine($"| Managed memory growth, {o.MemoryCertificates:N0} certificates through one pipeline | not measured{(r.PerCertificate?.Stalled == true ? " (the limiter stalled)" : string.Empty)} | — | — | < {Mb(MemoryBudgetBytes, 0)} | **FAIL** |");
        }

        var size = r.Size!;
        text.AppendLine($"| Module folder output/CodeSigningCerts/{Paths.ModuleVersion}/ | {Mb(size.TotalBytes, 2)} | — | — | < {Mb(SizeBudgetBytes, 0)} | {Pass(size.TotalBytes < SizeBudgetBytes)} |");
        text.AppendLine();
        if (!pc.Stalled && pc.Measured(Child.BareCmdletPath))
        {
            // Not a budget: what part of a pipeline per certificate is the module's, and what part any cmdlet pays.
            text.AppendLine("What any cmdlet pays: the same bare HttpClient POST made by the smallest binary cmdlet that can make it");
            text.AppendLine($"(`{SendBareCertificateCommand.Name}`, in the same foreach) costs {Spread(pc.PairedRatios(Child.BareCmdletPath))} the bare POST; a");
            text.AppendLine($"pipeline per certificate of `New-EnterpriseCodeSigningCertificate` costs {Spread(pc.PairedRatios("foreach", Child.BareCmdletPath))} that cmdlet.");
            text.AppendLine();
        }

        text.AppendLine("## Details");
        text.AppendLine();
        text.AppendLine("### Import");
        text.AppendLine();
        text.AppendLine("Each sample is a fresh process (`dotnet CodeSigningCerts.Bench.dll --child import <manifest>`) that opens a runspace");
        text.AppendLine("(`InitialSessionState.CreateDefault2()`), runs one trivial pipeline so the engine's first-pipeline costs are not");
        text.AppendLine("charged to the import, and then times `Import-Module <manifest>` alone. Module and baseline samples alternate.");
        text.AppendLine("The System.Management.Automation package is not ReadyToRun-compiled (pwsh's own copy is), so PowerShell's code is");
        text.AppendLine("JIT-compiled here: runspace and import times are higher than in pwsh, for the module and the baseline alike.");
        text.AppendLine();
        text.AppendLine("| | median | min | max |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(Row("Import-Module CodeSigningCerts", importModule));
        text.AppendLine(Row("Import-Module empty binary module", importEmpty));
        text.AppendLine(Row("CPU time of Import-Module CodeSigningCerts (all threads)", Stats.Of(r.ModuleImportCpuMs)));
        text.AppendLine(Row("CPU time of Import-Module empty binary module (all threads)", Stats.Of(r.EmptyImportCpuMs)));
        text.AppendLine(Row("Runspace open, CodeSigningCerts processes (not part of import)", Stats.Of(r.ModuleOpenMs)));
        text.AppendLine(Row("Runspace open, empty-module processes (not part of import)", Stats.Of(r.EmptyOpenMs)));
        text.AppendLine();
        if (r.ImportCheck is { } check)
        {
            var agree = r.ImportChecks.All(c => c.IdentityClient == check.IdentityClient && c.NewtonsoftFromLib == check.NewtonsoftFromLib && c.Engine == check.Engine && c.NetHttp == check.NetHttp);
            text.AppendLine($"Loaded after `Import-Module CodeSigningCerts` ({(agree ? "the same in all " + r.ImportChecks.Count + " samples" : "**samples disagree**; first sample shown")}):");
            text.AppendLine();
            var used = r.AfterFirstUse;
            string After(Func<(bool IdentityClient, bool NewtonsoftFromLib, bool Engine, bool NetHttp), bool> pick) => used is { } u ? (pick(u) ? "yes" : "no") : "—";
            text.AppendLine("| Assembly | Loaded after import | Should be | Loaded after Connect -AccessToken and the first New- (cold-start process) |");
            text.AppendLine("|---|---|---|---|");
            text.AppendLine($"| Microsoft.Identity.Client (MSAL) | {YesNo(check.IdentityClient)} | no (first sign-in) | {After(u => u.IdentityClient)} (a token needs no MSAL) |");
            text.AppendLine($"| Newtonsoft.Json from the module's Dependencies/ | {YesNo(check.NewtonsoftFromLib)} (any Newtonsoft.Json in the process: {YesNo(check.NewtonsoftAny)}, PowerShell's own) | no (first request) | {After(u => u.NewtonsoftFromLib)} |");
            text.AppendLine($"| CodeSigningCerts.Engine | {YesNo(check.Engine)} | no (Connect) | {After(u => u.Engine)} |");
            text.AppendLine($"| System.Net.Http | {YesNo(check.NetHttp)}{(check.NetHttpBeforeImport ? " (already loaded by PowerShell before the import)" : string.Empty)} | no (Connect) | {After(u => u.NetHttp)} |");
            text.AppendLine();
            text.AppendLine("Every assembly the import loaded (name [load context]): " + (check.LoadedByImport.Count == 0 ? "none" : string.Join(", ", check.LoadedByImport.Select(a => "`" + a + "`"))) + ".");
            text.AppendLine("Load contexts in the process afterwards: " + string.Join(", ", check.LoadContexts.Select(c => "`" + c + "`")) + ".");
            text.AppendLine();
        }

        text.AppendLine("### Cold start");
        text.AppendLine();
        text.AppendLine("Fresh processes, module and baseline alternating. The module side opens and warms a runspace (untimed), then times");
        text.AppendLine("`Import-Module`, `Connect-EnterpriseCodeSigning -GraphEndpoint <emulator> -AccessToken <token>` and the first");
        text.AppendLine("`New-EnterpriseCodeSigningCertificate -Certificate <RSA 2048 certificate>`. The baseline process times the same first");
        text.AppendLine("POST with a bare `HttpClient` (SocketsHttpHandler, body written with Utf8JsonWriter, answer parsed with JsonDocument),");
        text.AppendLine("from creating the client to the parsed answer; the baseline is that plus the module's import, as the issue defines it.");
        text.AppendLine("The certificate is loaded before the clock starts on both sides. The emulator runs in the parent process, warmed.");
        text.AppendLine();
        text.AppendLine("| | median | min | max |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(Row("Import-Module", coldImport));
        text.AppendLine(Row("Connect-EnterpriseCodeSigning -AccessToken", Stats.Of(r.ColdConnectMs)));
        text.AppendLine(Row("First New-EnterpriseCodeSigningCertificate", Stats.Of(r.ColdFirstNewMs)));
        text.AppendLine(Row("**Module total**", coldTotal));
        text.AppendLine(Row("Bare HttpClient first POST", barePost));
        text.AppendLine(Row("CPU time, module total (all threads)", Stats.Of(r.ColdTotalCpuMs)));
        text.AppendLine(Row("CPU time, bare HttpClient first POST (all threads)", Stats.Of(r.BarePostCpuMs)));
        text.AppendLine();

        text.AppendLine("### Per certificate");
        text.AppendLine();
        text.AppendLine($"One process, one runspace, imported and connected{(pc.Knob.Length > 0 ? " with `" + pc.Knob + "`" : string.Empty)}; {pc.Count} RSA 2048 certificates in");
        text.AppendLine($"`$certs`. First {pc.SettleJitted.Count} settling rounds, every path over 4 certificates (so what runs once per run, PowerShell");
        text.AppendLine($"compiling the script, Connect, reaches its final JIT tier; methods compiled per settling round: {string.Join(", ", pc.SettleJitted)}), then");
        text.AppendLine($"{o.WarmupRounds} warm-up rounds, then {rounds} measured rounds; each round times every path below over all {pc.Count}");
        text.AppendLine("certificates, in an order that rotates from round to round, with the emulator reset (empty store) before each run. The");
        text.AppendLine("emulator's own cost (in the parent process) is in every path. The budget compares bare, foreach and pipeline; the others show where");
        text.AppendLine("the time goes: the blocked-thread bare path pays the one thread hand-off per request that any cmdlet pays (its pipeline");
        text.AppendLine("thread must wait for each answer), `Get-BenchEmpty` is the empty module's trivial cmdlet (PowerShell's own cost per");
        text.AppendLine("pipeline and per item), `Send-BenchBareCertificate` is the bare POST made from the smallest binary cmdlet (a cmdlet of the");
        text.AppendLine("benchmark's own: the pipeline, the blocked pipeline thread and the result any cmdlet has, and nothing of the module), and");
        text.AppendLine("`-WhatIf` runs everything the module does per certificate except the request.");
        text.AppendLine();
        text.AppendLine("| Path | warm-up rounds (ms) | measured rounds (ms) | median per certificate | vs bare | client CPU per certificate | vs bare | allocated per certificate | gen-0 collections | GC pause per certificate | exceptions thrown | TCP connections opened | methods JIT-compiled |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var bareCpu = pc.CpuPerCertificateMs("bare");
        foreach (var (name, label) in Child.PerCertificatePaths.Select(p => (p.Name, p.Label)))
        {
            var per = pc.PerCertificateMs(name);
            var cpu = pc.CpuPerCertificateMs(name);
            var connections = pc.NewConnections.GetValueOrDefault(name) is { } opened ? opened.ToString(CultureInfo.InvariantCulture) : "n/a";
            text.AppendLine($"| {label} | {Rounds(pc.WarmupRoundsMs.GetValueOrDefault(name) ?? [])} | {Rounds(pc.RoundsMs.GetValueOrDefault(name) ?? [])} | {Ms(per, 3)} | {Times(pc.PairedRatio(name))} | {Ms(cpu, 3)} | {Times(pc.PairedCpuRatio(name))} | {(pc.AllocatedPerCertificate(name) / 1024).ToString("0.0", CultureInfo.InvariantCulture)} KB | {pc.Gen0Collections.GetValueOrDefault(name)} | {Ms(pc.GcPausePerCertificateMs(name), 3)} | {pc.Exceptions.GetValueOrDefault(name)} | {connections} | {pc.Jitted.GetValueOrDefault(name)} |");
        }

        text.AppendLine();
        text.AppendLine("\"vs bare\" is the median over the rounds of (this path's round / the bare round of the same round): the two ran");
        text.AppendLine("seconds apart, so a burst of other work hits both. The budget rows above use it too, with the lowest and highest");
        text.AppendLine("round: on a machine shared with other work the spread is wide, and a median near the budget can land on either side.");
        text.AppendLine("Client CPU is this benchmark process's CPU time over the run (all its threads; the emulator runs in the parent and is");
        text.AppendLine("not in it): what the path itself costs the machine, and less disturbed by other work than wall time.");
        text.AppendLine("Exceptions are first-chance exceptions thrown in the process during the measured runs " + (pc.ExceptionTypes.Count == 0
            ? "(none, of any type, in the whole run, warm-up included)."
            : "(types over the whole run, warm-up included: " + string.Join(", ", pc.ExceptionTypes.Select(t => $"{t.Key} {t.Value}")) + ")."));
        text.AppendLine("TCP connections opened counts client sockets to the emulator that appeared during the measured runs (from /proc/net/tcp and");
        text.AppendLine($"tcp6): the bare client is kept across runs (0); every module run starts a new connection, so at most {rounds} (one per run;");
        text.AppendLine("fewer when a new socket reuses a port still listed from before) means each run's requests went over one TCP connection.");
        text.AppendLine("Allocated is every byte the process allocated during the median round (GC.GetTotalAllocatedBytes), per certificate;");
        text.AppendLine("gen-0 collections are those over all measured runs of the path: allocation per certificate sets how often the");
        text.AppendLine("collector stops the pipeline, and the GC pause is the time those collections stopped the process (GC.GetTotalPauseDuration), per certificate.");
        text.AppendLine("A pipeline per certificate allocates PowerShell's own cost of a pipeline too (see Get-BenchEmpty).");
        text.AppendLine("Methods JIT-compiled counts, over the measured runs, what the JIT compiled in the whole process meanwhile (JitInfo):");
        text.AppendLine("PowerShell compiles each run's script to new dynamic methods, a few per run; more would mean code still being tiered up.");
        text.AppendLine();
        // Each New- run starts a new connection to a freshly reset tenant, so it lists the tenant once: one GET per run.
        var gets = pc.ModuleRequests.GetValueOrDefault("GET");
        var newRuns = Child.PerCertificatePaths.Count(p => p.Name is "foreach" or "pipeline") * (o.WarmupRounds + rounds);
        text.AppendLine("Requests the emulator received during the New- runs (warm-up included): " + Requests(pc.ModuleRequests) + (gets <= newRuns
            ? $" ({newRuns} runs, each on a new connection to an empty tenant, so one listing per run at most: nothing is listed per item)."
            : $" (**more GETs than the {newRuns} runs: something lists or reads per item**)."));
        text.AppendLine("Limiter knob: " + (pc.Knob.Length > 0 ? "`" + pc.Knob + "` on Connect." : "none exists in this build, none needed (the module has no write limiter yet, or it did not stall)."));
        if (pc.Stalled)
        {
            text.AppendLine();
            text.AppendLine($"**Stalled**: {pc.StallNote}. The module's own write limiter paces sequential writes and this build has no");
            text.AppendLine("Connect parameter the benchmark knows to lift it; pass one with `--connect-args` (see bench/README.md).");
        }

        text.AppendLine();
        text.AppendLine("### Memory");
        text.AppendLine();
        if (r.Memory is { } memory)
        {
            text.AppendLine($"One process: import, connect{(memory.Knob.Length > 0 ? " (`" + memory.Knob + "`)" : string.Empty)}, 20 certificates to warm up, then {memory.Count:N0} ECDSA P-256 certificates through");
            text.AppendLine("`$certs | New-EnterpriseCodeSigningCertificate | Out-Null`, the certificates made lazily from DER bytes so the input");
            text.AppendLine("itself is not held. Managed memory is `GC.GetTotalMemory(true)` after two forced, compacting full collections.");
            text.AppendLine();
            text.AppendLine("| | |");
            text.AppendLine("|---|---:|");
            text.AppendLine($"| Managed memory after opening the runspace | {Mb(memory.AfterOpenBytes)} |");
            text.AppendLine($"| Managed memory at the start (imported, connected, warmed) | {Mb(memory.StartBytes)} |");
            text.AppendLine($"| Managed memory at the end | {Mb(memory.EndBytes)} |");
            text.AppendLine($"| **Growth over {memory.Count:N0} certificates** | **{Mb(memory.Growth)}** ({memory.Growth / (double)memory.Count:0} bytes per certificate) |");
            text.AppendLine($"| Working set at the start | {Mb(memory.WorkingSetStart)} |");
            text.AppendLine($"| Peak working set of the process | {Mb(memory.PeakWorkingSet)} |");
            text.AppendLine($"| Time for the {memory.Count:N0} | {memory.ElapsedMs / 1000:0.0} s ({Ms(memory.ElapsedMs / memory.Count, 3)} per certificate){(memory.Stalled ? " **stalled**" : string.Empty)} |");
            text.AppendLine();
            text.AppendLine("Requests the emulator received: " + Requests(r.MemoryRequests) + ".");
        }
        else
        {
            text.AppendLine(r.PerCertificate?.Stalled == true
                ? "Not measured: the per-certificate run stalled on the module's write limiter, and 10,000 writes at its pace would take half an hour."
                : "Not measured in this run.");
        }

        text.AppendLine();
        text.AppendLine("### Size");
        text.AppendLine();
        text.AppendLine($"output/CodeSigningCerts/{Paths.ModuleVersion}/: {size.TotalBytes:N0} bytes in {size.Files} files; Dependencies/ (the isolated engine and its dependencies) {size.LibBytes:N0} bytes.");
        text.AppendLine("Largest files: " + string.Join(", ", size.Largest.Select(f => $"`{f.Path}` {f.Bytes:N0}")) + ".");
        return text.ToString();
    }

    private static string Row(string label, Stats s) => $"| {label} | {Ms(s.Median)} | {Ms(s.Min)} | {Ms(s.Max)} |";

    private static string Rounds(List<double> rounds) => rounds.Count == 0 ? "—" : string.Join(", ", rounds.Select(x => x.ToString("0", CultureInfo.InvariantCulture)));

    private static string Requests(Dictionary<string, int> byMethod) =>
        byMethod.Count == 0 ? "none" : string.Join(", ", byMethod.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value:N0}"));

    private static string Ms(double ms, int decimals = 1) =>
        double.IsNaN(ms) ? "—" : ms.ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture) + " ms";

    private static string Mb(long bytes, int decimals = 1) =>
        (bytes / 1e6).ToString("0." + new string('0', Math.Max(decimals, 0)), CultureInfo.InvariantCulture).TrimEnd('.') + " MB";

    private static string Ratio(double value, double baseline) =>
        (value / baseline).ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static string Times(double ratio) =>
        double.IsNaN(ratio) ? "—" : ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    /// <summary>The median ratio, and the lowest and highest round: how much the machine moved the number.</summary>
    private static string Spread(Stats ratios) =>
        double.IsNaN(ratios.Median) ? "—" : Times(ratios.Median) + $" (rounds {ratios.Min.ToString("0.00", CultureInfo.InvariantCulture)}–{ratios.Max.ToString("0.00", CultureInfo.InvariantCulture)})";

    private static string Pass(bool ok) => ok ? "pass" : "**FAIL**";

    private static string YesNo(bool value) => value ? "**yes**" : "no";
}
