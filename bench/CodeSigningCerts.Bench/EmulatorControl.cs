using System.Text.Json;

namespace CodeSigningCerts.Bench;

/// <summary>The emulator's control surface, from a child process: start over, and what it received.</summary>
internal sealed class EmulatorControl(Uri graphRoot) : IDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>Empties the store and the request log, so every timed run starts from the same emulator state.</summary>
    public void Reset() =>
        _http.PostAsync(new Uri(graphRoot, "_emulator/reset"), null).GetAwaiter().GetResult().EnsureSuccessStatusCode();

    /// <summary>Requests received since the last reset, counted by method.</summary>
    public Dictionary<string, int> RequestsByMethod()
    {
        var json = _http.GetStringAsync(new Uri(graphRoot, "_emulator/requests")).GetAwaiter().GetResult();
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .GroupBy(r => r.GetProperty("method").GetString() ?? "?")
            .ToDictionary(g => g.Key, g => g.Count());
    }

    public void Dispose() => _http.Dispose();
}
