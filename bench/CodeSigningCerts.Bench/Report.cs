using System.Globalization;
using System.Text;

namespace CodeSigningCerts.Bench;

/// <summary>The table and its details, as docs/performance.md.</summary>
internal static class Report
{
    private const double ImportBudget = 1.5;
    private const double ColdBudget = 1.5;
    private const double BulkBudget = 1.05;

    // Intune's limit is per app and tenant: two tenants do not share it, so together they take about as long as one.
    private const double TenantsBudget = 1.1;
    private const double PerCertificateBudget = 1.3;
    private const long MemoryBudgetBytes = 50_000_000;
    private const long SizeBudgetBytes = 5_000_000;

    public static string Markdown(Results r)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.AppendLine(line);
        Line("# Performance");
        Line();
        Line("Written by the benchmark, `dotnet run -c Release --project bench/CodeSigningCerts.Bench` (see");
        Line("[bench/README.md](../bench/README.md) for how each row is measured); run it again to refresh this page. Every");
        Line("baseline was measured in the same run, on the same machine, against the same Graph emulator (tests/GraphEmulator on");
        Line("127.0.0.1). MB here is 10^6 bytes.");
        Line();

        var m = r.Machine;
        Line("| Machine | |");
        Line("|---|---|");
        Line($"| Date | {m.Date} |");
        Line($"| Commit | {m.Commit} |");
        Line($"| CPU | {m.Cpu}, {m.Cores} cores |");
        Line($"| Memory | {m.MemoryGb} |");
        Line($"| OS | {m.Os} |");
        Line($"| .NET | {m.Dotnet} |");
        Line($"| PowerShell | {m.PowerShell}, hosted in-process (the engine pwsh 7.6 runs) |");
        Line($"| Module measured | output/CodeSigningCerts/{Paths.ModuleVersion}/, {r.ModuleConfiguration} build{(r.ModuleConfiguration == "Release" ? string.Empty : " (**not Release: not representative**)")} |");
        Line($"| Priority | {r.Priority} |");
        Line($"| Load average (1, 5, 15 min) | {r.LoadBefore} at the start, {r.LoadAfter} at the end (other work on the machine) |");
        Line($"| Run time | {r.RunSeconds:0} s, build excluded |");
        Line();

        Line("## Budgets");
        Line();
        Line("| Row | CodeSigningCerts | Baseline | Ratio | Budget | Result |");
        Line("|---|---:|---:|---:|---|---|");
        if (r.ModuleImportMs.Count > 0)
        {
            var module = Stats.Of(r.ModuleImportMs);
            var empty = Stats.Of(r.EmptyImportMs);
            Line($"| Import-Module, fresh process (median of {module.Count}) | {Ms(module.Median)} | {Ms(empty.Median)} empty binary module | {Times(module.Median / empty.Median)} | ≤ {ImportBudget}× | {Pass(module.Median <= ImportBudget * empty.Median)} |");
        }

        if (r.ColdTotalMs.Count > 0)
        {
            var cold = Stats.Of(r.ColdTotalMs);
            var baseline = Stats.Of(r.ColdImportMs).Median + Stats.Of(r.BarePostMs).Median;
            Line($"| Cold start: import + Connect + first New-, fresh process (median of {cold.Count}) | {Ms(cold.Median)} | {Ms(baseline)} = the import + a bare HttpClient's first POST | {Times(cold.Median / baseline)} | ≤ {ColdBudget}× | {Pass(cold.Median <= ColdBudget * baseline)} |");
        }

        if (r.Bulk is { } bulk)
        {
            var ok = bulk.WallMs <= BulkBudget * bulk.FastestMs && bulk.Throttled == 0 && bulk.Errors == 0 && bulk.Created == bulk.Certificates;
            Line($"| Bulk: {bulk.Certificates} certificates, one pipeline, pacing on, Intune's real limits | {Seconds(bulk.WallMs)}, {bulk.Throttled} × 429, {bulk.Errors} errors | {Seconds(bulk.FastestMs)}, the fastest the limit allows | {Times(bulk.WallMs / bulk.FastestMs)} | ≤ {BulkBudget}×, no 429 | {Pass(ok)} |");
        }

        if (r.TwoRuns is { } two)
        {
            var ok = two.Errors == 0 && two.Created == two.Certificates && two.Stored == two.Certificates;
            Line($"| Bulk: two runs at once, {two.Runs[0].Count} certificates each, tokens of one app and tenant | {Seconds(two.WallMs)}, {two.Throttled} × 429, {two.Errors} errors | {Seconds(two.FastestMs)} for their {two.Certificates} together | {Times(two.WallMs / two.FastestMs)} | no error | {Pass(ok)} |");
        }

        if (r is { OneTenant: { } alone, TwoTenants: { } both })
        {
            var ok = both.ElapsedMs <= TenantsBudget * alone.ElapsedMs && both.Throttled == 0 && both.Errors == 0 && both.Created == both.Certificates && alone.Created == alone.Certificates;
            Line($"| Many tenants: two at once, {both.PerTenant} certificates each, a parallel runspace and a connection (-Connection) per tenant | {Seconds(both.ElapsedMs)}, {both.Throttled} × 429, {both.Errors} errors | {Seconds(alone.ElapsedMs)}: one tenant's {alone.PerTenant} alone, same shape | {Times(both.ElapsedMs / alone.ElapsedMs)} | ≤ {TenantsBudget}×, no 429 | {Pass(ok)} |");
        }

        if (r.Memory is { } memory)
        {
            Line($"| Managed memory growth, {memory.Count:N0} certificates through one pipeline | {Mb(memory.Growth)} | — | — | < {Mb(MemoryBudgetBytes, 0)} | {Pass(memory.Growth < MemoryBudgetBytes)} |");
        }

        var size = r.Size!;
        Line($"| Module folder output/CodeSigningCerts/{Paths.ModuleVersion}/ | {Mb(size.TotalBytes, 2)} | — | — | < {Mb(SizeBudgetBytes, 0)} | {Pass(size.TotalBytes < SizeBudgetBytes)} |");
        // A pipeline per certificate is a New- command per certificate: PowerShell's cost of a command, and the listing of
        // the tenant each command sends before its first upload, are in its baseline, the smallest cmdlet sending the same.
        RoundsRows(r.PerCertificate, "Per certificate (a guard)", string.Empty,
        [
            ("foreach", "a pipeline per certificate, `foreach ($c in $certs) { $c \\| New-… }`", "bare-cmdlet", "the smallest binary cmdlet sending the same GET and POST, in the same foreach"),
            ("pipeline", "one pipeline, `$certs \\| New-…`", "bare", "bare HttpClient GET (the listing, once) + POSTs"),
        ]);

        // Issue 22: a command per new certificate waits for nothing, whatever the listing's lag: against the bare requests
        // it must send, PowerShell's cost of each command included.
        var lag = r.PerCommandListingLag.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        RoundsRows(r.PerCommand, "Issue 22", $", listing {lag} s late, Intune's limits, pacing on",
        [
            ("new-each", "one new certificate, a command each, `foreach ($c in $certs) { $c \\| New-… }`", "bare-list-post", "bare HttpClient GET (the listing) + POST per certificate"),
            ("new-remove-each", "`New- \\| Remove-` in one pipeline, a command each", "bare-list-post-delete", "bare HttpClient GET + POST + DELETE per certificate"),
        ]);

        Line();
        Line("## Details");
        Line();
        if (r.ModuleImportMs.Count > 0 || r.ColdTotalMs.Count > 0)
        {
            Line("| Fresh-process samples | median | min | max |");
            Line("|---|---:|---:|---:|");
            Row("Import-Module CodeSigningCerts", r.ModuleImportMs);
            Row("Import-Module empty binary module", r.EmptyImportMs);
            Row("Cold start: Import-Module", r.ColdImportMs);
            Row("Cold start: Connect-EnterpriseCodeSigning -AccessToken", r.ColdConnectMs);
            Row("Cold start: first New-EnterpriseCodeSigningCertificate", r.ColdFirstNewMs);
            Row("Cold start: module total", r.ColdTotalMs);
            Row("Cold start: bare HttpClient first POST", r.BarePostMs);
            Line();
        }

        foreach (var (name, result) in new[] { ("Bulk", r.Bulk), ("Two runs at once", r.TwoRuns) })
        {
            if (result is null)
            {
                continue;
            }

            var runs = string.Join("; ", result.Runs.Select(run =>
                $"{run.Created} of {run.Count} created in {Seconds(run.ElapsedMs)}" + (run.Errors > 0 ? $", {run.Errors} errors ({string.Join(", ", run.ErrorIds)})" : string.Empty) + (run.LateMs > 0 ? $", started {run.LateMs:0} ms late" : string.Empty)));
            Line($"{name}: {runs}. The emulator answered {result.Posts} POSTs, {result.Throttled} of them 429, and holds {result.Stored} certificates.");
            Line();
        }

        foreach (var tenants in new[] { r.OneTenant, r.TwoTenants })
        {
            if (tenants is not null)
            {
                Line("Many tenants, " + tenants.Describe() + ".");
                Line();
            }
        }

        foreach (var (name, result) in new[] { ("Per-certificate", r.PerCertificate), ("Per-command (issue 22)", r.PerCommand) })
        {
            if (result is { Rounds.Count: > 0 })
            {
                Line($"{name} rounds (ms for {result.Count} certificates): " + string.Join("; ", result.Rounds.Where(p => p.Value.Count > 0).Select(p => p.Key + " " + string.Join(", ", p.Value.Select(x => x.ToString("0", CultureInfo.InvariantCulture))))) + ".");
                Line();
                Line($"{name} requests the emulator received in each path's last run: " + string.Join("; ", result.Rounds.Keys.Select(path => path + " " + result.RequestsOf(path))) + ".");
                Line();
                if (result.Jit.Count > 0)
                {
                    Line($"{name} JIT: {result.Jit.GetValueOrDefault("settling")} methods compiled while settling ({result.Jit.GetValueOrDefault("settlingLastRound")} in its last round), {result.Jit.GetValueOrDefault("rounds")} during the warm-up and measured rounds.");
                    Line();
                }
                if (result == r.PerCommand)
                {
                    // What PowerShell's commands alone cost over the bare requests, and the module over them.
                    Line("Per-command (issue 22), the same foreach over the smallest binary cmdlets sending the same requests (Send-BenchBareCertificate, | Remove-BenchBareCertificate): "
                        + string.Join("; ", new[] { ("new-each", "bare-cmdlet-each", "bare-list-post"), ("new-remove-each", "bare-cmdlet-remove-each", "bare-list-post-delete") }
                            .Where(p => result.Rounds.GetValueOrDefault(p.Item2) is { Count: > 0 })
                            .Select(p => $"{p.Item2} {Ms(result.MsPerCertificate(p.Item2), 3)} per certificate, {Times(result.PairedRatios(p.Item2, p.Item3).Median)} the bare requests; {p.Item1} {Times(result.PairedRatios(p.Item1, p.Item2).Median)} of it"))
                        + ".");
                    Line();
                }
            }
        }

        if (r.Memory is { } mem)
        {
            Line($"Memory: managed {Mb(mem.StartBytes)} at the start (imported, connected, warmed), {Mb(mem.EndBytes)} after {mem.Count:N0} certificates ({mem.Growth / Math.Max(1, mem.Count)} bytes per certificate); peak working set {Mb(mem.PeakWorkingSet)}; {Seconds(mem.ElapsedMs)} for the {mem.Count:N0}.");
            Line();
        }

        Line($"Size: {size.TotalBytes:N0} bytes in {size.Files} files, of which Dependencies/ (the isolated engine and its dependencies) {size.LibBytes:N0}; largest: " + string.Join(", ", size.Largest.Select(f => $"`{f.Path}` {f.Bytes:N0}")) + ".");

        void Row(string label, List<double> samples)
        {
            if (samples.Count > 0)
            {
                var s = Stats.Of(samples);
                Line($"| {label} | {Ms(s.Median)} | {Ms(s.Min)} | {Ms(s.Max)} |");
            }
        }

        if (r.Verify is { } verify)
        {
            Line();
            Line("## Verifying a signed package (issue 24)");
            Line();
            Line("| Row | Module (median ms) | sha256sum (median ms) | Ratio (paired median) | Budget | |");
            Line("|---|---|---|---|---|---|");
            Line(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"| Verify a {verify.PayloadBytes / 1e6:0} MB MSIX (signature, AXPC/AXCD/AXCT/AXBM) vs sha256sum of the file, {verify.ModuleMs.Count} alternating rounds | {VerifyResult.Median(verify.ModuleMs):0} | {VerifyResult.Median(verify.Sha256SumMs):0} | {verify.Ratio:0.00}x | {PackageVerifyBench.Budget:0.0}x | {(verify.Ratio <= PackageVerifyBench.Budget ? "pass" : "FAIL")} |"));
        }

        return text.ToString();

        void RoundsRows(RoundsResult? result, string row, string setting, (string Path, string Label, string Baseline, string BaselineLabel)[] rows)
        {
            foreach (var (path, label, baseline, baselineLabel) in rows)
            {
                if (result?.Rounds.GetValueOrDefault(path) is { Count: > 0 } rounds)
                {
                    var ratios = result.PairedRatios(path, baseline);
                    Line($"| {row}, {label}, {result.Count} sequential{setting} (median of {rounds.Count} rounds) | {Ms(result.MsPerCertificate(path), 3)} | {Ms(result.MsPerCertificate(baseline), 3)} {baselineLabel} | {Times(ratios.Median)} (rounds {ratios.Min:0.00}–{ratios.Max:0.00}) | ≤ {PerCertificateBudget}× | {Pass(ratios.Median <= PerCertificateBudget)} |");
                }
            }
        }
    }

    private static string Ms(double ms, int decimals = 1) =>
        ms.ToString("F" + decimals, CultureInfo.InvariantCulture) + " ms";

    private static string Seconds(double ms) => (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Mb(long bytes, int decimals = 1) =>
        (bytes / 1e6).ToString("F" + decimals, CultureInfo.InvariantCulture) + " MB";

    private static string Times(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private static string Pass(bool ok) => ok ? "pass" : "**FAIL**";
}
