using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GraphEmulator.Faults;
using GraphEmulator.Graph;
using GraphEmulator.Hosting;

namespace GraphEmulator;

/// <summary>
/// A local Microsoft Graph for the enterpriseCodeSigningCertificates endpoints (beta; v1.0 answers as the service does, without the entity set), on real
/// Kestrel at 127.0.0.1, faithful to the service as Graph's docs and metadata describe it: bearer tokens, OData errors with
/// request ids, paging by nextLink, 200-or-204 PATCH, content null on reads, listings that lag, Intune's limits per app and tenant, and scripted faults.
/// </summary>
public sealed class GraphEmulatorServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, CertificateStore> tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly SynchronizedStringSet revokedTokens = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly EmulatorPipeline pipeline;
    private WebApplication? app;
    private int disposed;

    private GraphEmulatorServer(EmulatorOptions options)
    {
        Options = options;
        pipeline = new EmulatorPipeline(this, stopping.Token);
    }

    /// <summary>The Graph root, e.g. http://127.0.0.1:54321/ (the module appends beta/...).</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The token accepted for the default tenant: <see cref="EmulatorOptions.AccessToken"/>, made up at start when none was given.</summary>
    public string AccessToken => Options.AccessToken ?? string.Empty;

    /// <summary>Behaviour switches; may be changed while the server runs.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>The default tenant's certificates (the tenant of <see cref="AccessToken"/>).</summary>
    public CertificateStore Certificates => CertificatesForTenant(Options.DefaultTenantId);

    /// <summary>Every Graph request received, in order.</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>Scripted faults.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>Starts on 127.0.0.1:<see cref="EmulatorOptions.Port"/> (0: a free port).</summary>
    public static async Task<GraphEmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatorOptions();
        options.AccessToken ??= NewToken();
        var server = new GraphEmulatorServer(options);
        var (app, baseUri) = await LoopbackHost.StartAsync(options.Port, server.pipeline.HandleAsync, ct);
        server.app = app;
        server.BaseUri = baseUri;
        return server;
    }

    /// <summary>Starts a <see cref="ForeignHostRecorder"/>: the other host a <see cref="FaultKind.ForeignNextLink"/> points at.</summary>
    public static Task<ForeignHostRecorder> StartForeignHostAsync(CancellationToken ct = default) => ForeignHostRecorder.StartAsync(ct);

    /// <summary>The certificates of <paramref name="tenantId"/> (see <see cref="EmulatorOptions.TokenTenants"/>); created empty on first use.</summary>
    public CertificateStore CertificatesForTenant(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return tenants.GetOrAdd(tenantId, _ => new CertificateStore());
    }

    /// <summary>
    /// From now on Graph refuses <paramref name="token"/> with 401 InvalidAuthenticationToken, whatever its expiry:
    /// for tests of "a 401 is retried once with a new token". Survives <see cref="Reset"/>, as a revocation would.
    /// </summary>
    public void RevokeToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        revokedTokens.Add(token);
    }

    /// <summary>True once <see cref="RevokeToken"/> was called for <paramref name="token"/>.</summary>
    public bool IsRevoked(string token) => revokedTokens.Contains(token);

    /// <summary>Back to a fresh start: no certificates in any tenant, no requests logged, no faults, write-limit windows empty. Options stay.</summary>
    public void Reset()
    {
        foreach (var store in tenants.Values)
        {
            store.Clear();
        }

        Requests.Clear();
        Faults.Clear();
        pipeline.Limiter.Clear();
    }

    /// <summary>What to paste to point the module at this emulator.</summary>
    public string DescribeConnection()
    {
        var root = BaseUri.ToString().TrimEnd('/');
        var text = new StringBuilder();
        text.AppendLine($"Graph emulator listening on {root}/ (beta/deviceAppManagement/enterpriseCodeSigningCertificates)");
        text.AppendLine($"Access token: {AccessToken}");
        text.AppendLine("Connect the module:");
        text.AppendLine($"  Connect-EnterpriseCodeSigning -GraphEndpoint {root} -AccessToken (ConvertTo-SecureString '{AccessToken}' -AsPlainText -Force)");
        text.AppendLine($"What it received: GET {root}/_emulator/requests    Start over: POST {root}/_emulator/reset");
        return text.ToString();
    }

    /// <summary>Stops listening; requests in flight are cut short.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stopping.CancelAsync();
        if (app is not null)
        {
            await LoopbackHost.StopAsync(app);
        }

        stopping.Dispose();
    }

    private static string NewToken() => "emulator-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
