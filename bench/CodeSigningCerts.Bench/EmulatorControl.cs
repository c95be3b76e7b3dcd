namespace CodeSigningCerts.Bench;

/// <summary>The emulator's control surface, from a child process: start over.</summary>
internal sealed class EmulatorControl(Uri graphRoot) : IDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>Empties the store and the request log, so every timed run starts from the same emulator state.</summary>
    public void Reset() =>
        _http.PostAsync(new Uri(graphRoot, "_emulator/reset"), null).GetAwaiter().GetResult().EnsureSuccessStatusCode();

    public void Dispose() => _http.Dispose();
}
