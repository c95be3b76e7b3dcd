using System.Collections.Concurrent;

namespace GraphEmulator;

/// <summary>
/// How the emulator behaves. Everything except <see cref="Port"/> may be changed while it runs; each request
/// reads the values afresh.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The tenant of every token that <see cref="TokenTenants"/> does not map.</summary>
    public const string DefaultTenant = "00000000-0000-0000-0000-00000000d0d0";

    private volatile string? accessToken;
    private volatile string defaultTenantId = DefaultTenant;
    private volatile bool patchReturnsContent = true;
    private volatile int pageSize = 100;
    private volatile bool includeUnknownProperties;
    private volatile bool nullContentInResponses;
    private volatile bool enforceWriteLimit;
    private volatile int writeLimit = 100;
    private long writeWindowTicks = TimeSpan.FromSeconds(20).Ticks;
    private volatile TextWriter? trace;
    private int port;

    /// <summary>The TCP port on 127.0.0.1; 0 picks a free one. Read once, at start.</summary>
    public int Port
    {
        get => port;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 65535);
            port = value;
        }
    }

    /// <summary>The bearer token accepted for the default tenant; null at start means a random one is made.</summary>
    public string? AccessToken
    {
        get => accessToken;
        set => accessToken = value;
    }

    /// <summary>More accepted tokens (default tenant unless <see cref="TokenTenants"/> maps them). Thread-safe.</summary>
    public ISet<string> ExtraAcceptedTokens { get; } = new SynchronizedStringSet();

    /// <summary>
    /// Token to tenant id. A token listed here is accepted and sees only that tenant's certificates
    /// (<see cref="GraphEmulatorServer.CertificatesForTenant"/>), as two real tenants would. Thread-safe.
    /// </summary>
    public IDictionary<string, string> TokenTenants { get; } = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Token to the moment it expires. A listed token is refused from then on with 401 InvalidAuthenticationToken
    /// "Lifetime validation failed, the token is expired.", as Graph refuses a token past its exp claim (the
    /// emulator allows no clock skew, so a test need not wait five minutes). Tokens not listed never expire.
    /// The Entra emulator fills this for every token it issues. Thread-safe.
    /// </summary>
    public IDictionary<string, DateTimeOffset> TokenExpiry { get; } = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);

    /// <summary>The tenant of <see cref="AccessToken"/> and <see cref="ExtraAcceptedTokens"/>.</summary>
    public string DefaultTenantId
    {
        get => defaultTenantId;
        set => defaultTenantId = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>True: PATCH answers 200 with the entity (the docs). False: 204 with no body (the OpenAPI).</summary>
    public bool PatchReturnsContent
    {
        get => patchReturnsContent;
        set => patchReturnsContent = value;
    }

    /// <summary>Entities per list page; a smaller <c>$top</c> wins.</summary>
    public int PageSize
    {
        get => pageSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            pageSize = value;
        }
    }

    /// <summary>Responses carry what a future service might: @odata.type, @odata.etag, an unknown enum-valued and an unknown object property.</summary>
    public bool IncludeUnknownProperties
    {
        get => includeUnknownProperties;
        set => includeUnknownProperties = value;
    }

    /// <summary>Responses carry <c>"content": null</c>, which the v1.0 model allows once the other properties are set.</summary>
    public bool NullContentInResponses
    {
        get => nullContentInResponses;
        set => nullContentInResponses = value;
    }

    /// <summary>Enforce Intune's write limit: <see cref="WriteLimit"/> writes per <see cref="WriteWindow"/> per token and tenant, sliding.</summary>
    public bool EnforceWriteLimit
    {
        get => enforceWriteLimit;
        set => enforceWriteLimit = value;
    }

    /// <summary>Writes (POST, PATCH, DELETE) allowed in one window; Intune's is 100.</summary>
    public int WriteLimit
    {
        get => writeLimit;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            writeLimit = value;
        }
    }

    /// <summary>The sliding window of <see cref="WriteLimit"/>; Intune's is 20 s.</summary>
    public TimeSpan WriteWindow
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref writeWindowTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            Interlocked.Exchange(ref writeWindowTicks, value.Ticks);
        }
    }

    /// <summary>When set, one line per answered request ("POST /beta/... -> 201"), for running by hand.</summary>
    public TextWriter? Trace
    {
        get => trace;
        set => trace = value;
    }
}
