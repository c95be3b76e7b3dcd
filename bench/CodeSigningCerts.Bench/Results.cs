using System.Text.Json;

namespace CodeSigningCerts.Bench;

/// <summary>Everything measured in one run.</summary>
internal sealed class Results
{
    public required BenchOptions Options { get; init; }

    public required Machine Machine { get; init; }

    public string LoadBefore { get; set; } = "?";

    public string LoadAfter { get; set; } = "?";

    public string Priority { get; set; } = "?";

    public string ModuleConfiguration { get; set; } = "?";

    public List<double> ModuleImportMs { get; } = [];

    public List<double> EmptyImportMs { get; } = [];

    public List<double> ColdImportMs { get; } = [];

    public List<double> ColdConnectMs { get; } = [];

    public List<double> ColdFirstNewMs { get; } = [];

    public List<double> ColdTotalMs { get; } = [];

    public List<double> BarePostMs { get; } = [];

    /// <summary>The per-certificate guard: its paths (bare, bare-cmdlet, foreach, pipeline), round by round.</summary>
    public RoundsResult? PerCertificate { get; set; }

    /// <summary>Issue 22: a command per new certificate against the emulator's defaults (new-each, new-remove-each and their bare requests).</summary>
    public RoundsResult? PerCommand { get; set; }

    /// <summary>The listing lag of the per-command rows' emulator.</summary>
    public TimeSpan PerCommandListingLag { get; set; }

    public MemoryResult? Memory { get; set; }

    public BulkResult? Bulk { get; set; }

    public BulkResult? TwoRuns { get; set; }

    /// <summary>The many-tenants row: one tenant alone (its baseline), then two tenants at once.</summary>
    public TenantsResult? OneTenant { get; set; }

    public TenantsResult? TwoTenants { get; set; }

    public ModuleSize? Size { get; set; }

    /// <summary>Issue 24: verifying a 100 MB package against sha256sum over the same file.</summary>
    public VerifyResult? Verify { get; set; }

    public double RunSeconds { get; set; }

    public void AddColdModule(JsonElement json)
    {
        ColdImportMs.Add(json.GetProperty("importMs").GetDouble());
        ColdConnectMs.Add(json.GetProperty("connectMs").GetDouble());
        ColdFirstNewMs.Add(json.GetProperty("firstNewMs").GetDouble());
        ColdTotalMs.Add(json.GetProperty("totalMs").GetDouble());
    }
}

/// <summary>
/// Paths measured round by round in one child (the per-certificate modes): the milliseconds of each measured round per
/// path, what the emulator received in each path's last run ("GET 200": 40), and the methods the JIT compiled while
/// settling, in the last settling round and during the measured rounds (a busy JIT is CPU the rounds did not get).
/// </summary>
internal sealed record RoundsResult(int Count, Dictionary<string, List<double>> Rounds, Dictionary<string, Dictionary<string, int>> Requests, Dictionary<string, long> Jit)
{
    public static RoundsResult From(JsonElement json) => new(
        json.GetProperty("count").GetInt32(),
        json.GetProperty("roundsMs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetDouble()).ToList()),
        json.GetProperty("requests").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetInt32())),
        json.TryGetProperty("jit", out var jit) ? jit.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()) : []);

    /// <summary>
    /// A path against its baseline path, round by round (the two ran seconds apart, so a burst of other work on the
    /// machine hits both): the spread of those ratios is the run's own measure of its noise, their median the result.
    /// </summary>
    public Stats PairedRatios(string path, string baseline) =>
        Stats.Of((Rounds.GetValueOrDefault(path) ?? []).Zip(Rounds.GetValueOrDefault(baseline) ?? [], (m, b) => m / b).ToList());

    /// <summary>The median round of a path, per certificate.</summary>
    public double MsPerCertificate(string path) => Stats.Of(Rounds.GetValueOrDefault(path) ?? []).Median / Count;

    /// <summary>What the emulator received in the path's last run, e.g. "GET 200 × 40, POST 201 × 40".</summary>
    public string RequestsOf(string path) =>
        Requests.GetValueOrDefault(path) is { Count: > 0 } counts ? string.Join(", ", counts.Select(c => c.Key + " × " + c.Value)) : "—";
}

internal sealed record MemoryResult(int Count, long StartBytes, long EndBytes, double ElapsedMs, long PeakWorkingSet)
{
    public long Growth => EndBytes - StartBytes;

    public static MemoryResult From(JsonElement json) => new(
        json.GetProperty("count").GetInt32(),
        json.GetProperty("startBytes").GetInt64(),
        json.GetProperty("endBytes").GetInt64(),
        json.GetProperty("elapsedMs").GetDouble(),
        json.GetProperty("peakWorkingSet").GetInt64());
}

/// <summary>One bulk run (a child's pipeline) as the child reported it.</summary>
internal sealed record BulkRun(int Count, int Created, int Errors, List<string> ErrorIds, double ElapsedMs, long StartedAtUnixMs, double LateMs)
{
    public long EndedAtUnixMs => StartedAtUnixMs + (long)ElapsedMs;

    public static BulkRun From(JsonElement json) => new(
        json.GetProperty("count").GetInt32(),
        json.GetProperty("created").GetInt32(),
        json.GetProperty("errors").GetInt32(),
        json.GetProperty("errorIds").EnumerateArray().Select(e => e.GetString() ?? "?").ToList(),
        json.GetProperty("elapsedMs").GetDouble(),
        json.GetProperty("startedAtUnixMs").GetInt64(),
        json.GetProperty("lateMs").GetDouble());
}

/// <summary>
/// One or more bulk runs against the same emulator at once, and what the emulator saw: every POST it answered, and
/// how many of them it throttled (429) and stored.
/// </summary>
internal sealed record BulkResult(List<BulkRun> Runs, int Posts, int Throttled, int Stored)
{
    public int Certificates => Runs.Sum(r => r.Count);

    public int Created => Runs.Sum(r => r.Created);

    public int Errors => Runs.Sum(r => r.Errors);

    /// <summary>From the first run's start to the last run's end.</summary>
    public double WallMs => Runs.Max(r => r.EndedAtUnixMs) - Runs.Min(r => r.StartedAtUnixMs);

    /// <summary>
    /// The fastest Intune's limit lets <see cref="Certificates"/> sequential uploads of one app go: 100 at once, then 100
    /// more each time the first of the last 100 is 20 s old. 500: 80 s.
    /// </summary>
    public double FastestMs => (Certificates - 1) / 100 * 20_000.0;
}
