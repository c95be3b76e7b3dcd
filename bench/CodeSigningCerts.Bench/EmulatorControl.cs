namespace CodeSigningCerts.Bench;

/// <summary>The emulator's control surface, from a child process: start over, and what it received.</summary>
internal sealed class EmulatorControl(Uri graphRoot) : IDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>Empties the store and the request log, so every timed run starts from the same emulator state.</summary>
    public void Reset() =>
        _http.PostAsync(new Uri(graphRoot, "_emulator/reset"), null).GetAwaiter().GetResult().EnsureSuccessStatusCode();

    /// <summary>What the emulator received since its last reset, counted by method and answer ("GET 200": 40).</summary>
    public Dictionary<string, int> RequestCounts()
    {
        using var document = System.Text.Json.JsonDocument.Parse(_http.GetStringAsync(new Uri(graphRoot, "_emulator/requests")).GetAwaiter().GetResult());
        return document.RootElement.EnumerateArray()
            .GroupBy(r => r.GetProperty("method").GetString() + " " + r.GetProperty("responseStatus").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
    }

    public void Dispose() => _http.Dispose();
}
