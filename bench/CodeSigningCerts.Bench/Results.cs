using System.Text.Json;

namespace CodeSigningCerts.Bench;

/// <summary>Everything measured in one run.</summary>
internal sealed class Results
{
    public required BenchOptions Options { get; init; }

    public required Machine Machine { get; init; }

    public List<double> ModuleImportMs { get; } = [];

    public List<double> ModuleOpenMs { get; } = [];

    public List<double> EmptyImportMs { get; } = [];

    public List<double> EmptyOpenMs { get; } = [];

    public List<double> ModuleImportCpuMs { get; } = [];

    public List<double> EmptyImportCpuMs { get; } = [];

    public List<double> ColdTotalCpuMs { get; } = [];

    public List<double> BarePostCpuMs { get; } = [];

    public string LoadBefore { get; set; } = "?";

    public string Priority { get; set; } = "?";

    public string ModuleConfiguration { get; set; } = "?";

    public string LoadAfter { get; set; } = "?";

    /// <summary>The first module import's assembly check (every sample reports one; they agree).</summary>
    public ImportCheck? ImportCheck { get; private set; }

    public List<ImportCheck> ImportChecks { get; } = [];

    public List<double> ColdImportMs { get; } = [];

    public List<double> ColdConnectMs { get; } = [];

    public List<double> ColdFirstNewMs { get; } = [];

    public List<double> ColdTotalMs { get; } = [];

    public List<double> BarePostMs { get; } = [];

    public PerCertificateResult? PerCertificate { get; private set; }

    public MemoryResult? Memory { get; private set; }

    public Dictionary<string, int> MemoryRequests { get; set; } = [];

    public ModuleSize? Size { get; set; }

    public double RunSeconds { get; set; }

    public void AddModuleImport(JsonElement json)
    {
        ModuleOpenMs.Add(json.GetProperty("openMs").GetDouble());
        ModuleImportMs.Add(json.GetProperty("importMs").GetDouble());
        ModuleImportCpuMs.Add(json.GetProperty("importCpuMs").GetDouble());
        var check = new ImportCheck(
            json.GetProperty("loadedByImport").EnumerateArray().Select(e => e.GetString()!).ToList(),
            json.GetProperty("identityClient").GetBoolean(),
            json.GetProperty("newtonsoftFromLib").GetBoolean(),
            json.GetProperty("newtonsoftAny").GetBoolean(),
            json.GetProperty("engine").GetBoolean(),
            json.GetProperty("netHttp").GetBoolean(),
            json.GetProperty("netHttpBeforeImport").GetBoolean(),
            json.GetProperty("loadContexts").EnumerateArray().Select(e => e.GetString()!).ToList());
        ImportChecks.Add(check);
        ImportCheck ??= check;
    }

    public void AddEmptyImport(JsonElement json)
    {
        EmptyOpenMs.Add(json.GetProperty("openMs").GetDouble());
        EmptyImportMs.Add(json.GetProperty("importMs").GetDouble());
        EmptyImportCpuMs.Add(json.GetProperty("importCpuMs").GetDouble());
    }

    /// <summary>What was loaded after Connect -AccessToken and the first New- (last sample).</summary>
    public (bool IdentityClient, bool NewtonsoftFromLib, bool Engine, bool NetHttp)? AfterFirstUse { get; private set; }

    public void AddColdModule(JsonElement json)
    {
        AfterFirstUse = (json.GetProperty("identityClient").GetBoolean(), json.GetProperty("newtonsoftFromLib").GetBoolean(), json.GetProperty("engine").GetBoolean(), json.GetProperty("netHttp").GetBoolean());
        ColdImportMs.Add(json.GetProperty("importMs").GetDouble());
        ColdConnectMs.Add(json.GetProperty("connectMs").GetDouble());
        ColdFirstNewMs.Add(json.GetProperty("firstNewMs").GetDouble());
        ColdTotalMs.Add(json.GetProperty("totalMs").GetDouble());
        ColdTotalCpuMs.Add(json.GetProperty("totalCpuMs").GetDouble());
    }

    public void AddColdBare(JsonElement json)
    {
        BarePostMs.Add(json.GetProperty("postMs").GetDouble());
        BarePostCpuMs.Add(json.GetProperty("postCpuMs").GetDouble());
    }

    public void SetPerCertificate(JsonElement json) => PerCertificate = new PerCertificateResult(
        json.GetProperty("count").GetInt32(),
        json.GetProperty("knob").GetString() ?? string.Empty,
        Series(json, "warmupRoundsMs"),
        Series(json, "roundsMs"),
        json.GetProperty("cpuRoundsMs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetDouble()).ToList()),
        json.GetProperty("moduleRequests").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()),
        json.GetProperty("exceptions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()),
        json.GetProperty("exceptionTypes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()),
        json.GetProperty("jitted").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()),
        json.GetProperty("settleJitted").EnumerateArray().Select(e => e.GetInt64()).ToList(),
        Series(json, "allocatedRounds"),
        json.GetProperty("gen0Collections").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()),
        json.GetProperty("gcPauseMs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()),
        json.GetProperty("newConnections").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? (int?)null : p.Value.GetInt32()),
        json.GetProperty("stalled").GetBoolean(),
        json.GetProperty("stallNote").GetString());

    private static Dictionary<string, List<double>> Series(JsonElement json, string name) =>
        json.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetDouble()).ToList());

    public void SetMemory(JsonElement json) => Memory = new MemoryResult(
        json.GetProperty("count").GetInt32(),
        json.GetProperty("knob").GetString() ?? string.Empty,
        json.GetProperty("afterOpenBytes").GetInt64(),
        json.GetProperty("startBytes").GetInt64(),
        json.GetProperty("endBytes").GetInt64(),
        json.GetProperty("elapsedMs").GetDouble(),
        json.GetProperty("workingSetStart").GetInt64(),
        json.GetProperty("peakWorkingSet").GetInt64(),
        json.GetProperty("stalled").GetBoolean());
}

internal sealed record ImportCheck(
    List<string> LoadedByImport,
    bool IdentityClient,
    bool NewtonsoftFromLib,
    bool NewtonsoftAny,
    bool Engine,
    bool NetHttp,
    bool NetHttpBeforeImport,
    List<string> LoadContexts);

internal sealed record PerCertificateResult(
    int Count,
    string Knob,
    Dictionary<string, List<double>> WarmupRoundsMs,
    Dictionary<string, List<double>> RoundsMs,
    Dictionary<string, List<double>> CpuRoundsMs,
    Dictionary<string, int> ModuleRequests,
    Dictionary<string, long> Exceptions,
    Dictionary<string, long> ExceptionTypes,
    Dictionary<string, long> Jitted,
    List<long> SettleJitted,
    Dictionary<string, List<double>> AllocatedRounds,
    Dictionary<string, long> Gen0Collections,
    Dictionary<string, double> GcPauseMs,
    Dictionary<string, int?> NewConnections,
    bool Stalled,
    string? StallNote)
{
    /// <summary>Time the process spent stopped for garbage collection during a path's measured runs, per certificate.</summary>
    public double GcPausePerCertificateMs(string path) =>
        (RoundsMs.GetValueOrDefault(path)?.Count ?? 0) == 0 ? double.NaN : GcPauseMs.GetValueOrDefault(path) / (RoundsMs[path].Count * (double)Count);

    /// <summary>The median round of a path, per certificate.</summary>
    public double PerCertificateMs(string path) => Stats.Of(RoundsMs.GetValueOrDefault(path) ?? []).Median / Count;

    /// <summary>
    /// The path against the bare HttpClient, round by round (the two ran seconds apart, so a burst of other work on the
    /// machine hits both), and the median of those ratios: steadier than the ratio of the two medians.
    /// </summary>
    public double PairedRatio(string path) => Paired(RoundsMs, path);

    /// <summary>The same, for CPU time.</summary>
    public double PairedCpuRatio(string path) => Paired(CpuRoundsMs, path);

    /// <summary>
    /// The round-by-round ratios behind <see cref="PairedRatio"/> (their spread is the run's own measure of its noise),
    /// against the bare HttpClient or another path.
    /// </summary>
    public Stats PairedRatios(string path, string baseline = "bare") => PairedStats(RoundsMs, path, baseline);

    /// <summary>Whether the path ran in this run (BENCH_PATHS can leave paths out).</summary>
    public bool Measured(string path) => RoundsMs.GetValueOrDefault(path) is { Count: > 0 };

    private static double Paired(Dictionary<string, List<double>> rounds, string path) => PairedStats(rounds, path).Median;

    private static Stats PairedStats(Dictionary<string, List<double>> rounds, string path, string baseline = "bare")
    {
        var mine = rounds.GetValueOrDefault(path) ?? [];
        var theirs = rounds.GetValueOrDefault(baseline) ?? [];
        return Stats.Of(mine.Zip(theirs, (m, b) => m / b).ToList());
    }

    /// <summary>Bytes allocated in the whole process during the median round, per certificate.</summary>
    public double AllocatedPerCertificate(string path) => Stats.Of(AllocatedRounds.GetValueOrDefault(path) ?? []).Median / Count;

    /// <summary>The benchmark process's CPU time (not the emulator's) of the median round, per certificate.</summary>
    public double CpuPerCertificateMs(string path) => Stats.Of(CpuRoundsMs.GetValueOrDefault(path) ?? []).Median / Count;
}

internal sealed record MemoryResult(int Count, string Knob, long AfterOpenBytes, long StartBytes, long EndBytes, double ElapsedMs, long WorkingSetStart, long PeakWorkingSet, bool Stalled)
{
    public long Growth => EndBytes - StartBytes;
}
