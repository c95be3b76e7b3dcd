using System.Collections.Concurrent;
using GraphEmulator.Faults;
using GraphEmulator.Graph;
using GraphEmulator.Hosting;

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
    private volatile bool returnContentOnReads;
    private volatile bool enforceLimits = true;
    private volatile int writeLimit = 100;
    private volatile int tenantWriteLimit = 200;
    private volatile int requestLimit = 1000;
    private volatile int tenantRequestLimit = 2000;
    private long writeWindowTicks = TimeSpan.FromSeconds(20).Ticks;
    private long listingLagTicks = TimeSpan.FromSeconds(1).Ticks;
    private volatile DnSpelling subjectSpelling = DnSpelling.Service;
    private volatile RetryAfterStyle retryAfterStyle = RetryAfterStyle.Decimal;
    private volatile bool intuneErrorMessages = true;
    private volatile bool answerOnV1;
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

    /// <summary>
    /// Every response, the answer to a POST or PATCH included, carries <c>"content": null</c>. (Reads carry it anyway
    /// unless <see cref="ReturnContentOnReads"/>.)
    /// </summary>
    public bool NullContentInResponses
    {
        get => nullContentInResponses;
        set => nullContentInResponses = value;
    }

    /// <summary>
    /// False (the service's way, the default): a GET answers <c>"content": null</c> for every entry, as the metadata says
    /// ("Set to null once certificate has been uploaded and other properties have been populated"); the answer to the
    /// POST or PATCH that sent it still echoes it. True: reads return the stored content.
    /// </summary>
    public bool ReturnContentOnReads
    {
        get => returnContentOnReads;
        set => returnContentOnReads = value;
    }

    /// <summary>
    /// How a stored entry's <c>subject</c> and <c>issuer</c> are spelled. <see cref="DnSpelling.Service"/> (the default):
    /// as the service spells a DN it read from the certificate itself, whatever the body said.
    /// </summary>
    public DnSpelling SubjectSpelling
    {
        get => subjectSpelling;
        set => subjectSpelling = value;
    }

    /// <summary>
    /// How far a listing lags behind a create: an entry shows in <c>GET …/enterpriseCodeSigningCertificates</c> only
    /// this long after it was created (a GET of its id finds it at once). One second by default; zero: no lag.
    /// </summary>
    public TimeSpan ListingLag
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref listingLagTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref listingLagTicks, value.Ticks);
        }
    }

    /// <summary>How the limits' 429 spells Retry-After: seconds with a fraction (Graph's own, the default), or whole seconds rounded up or down.</summary>
    public RetryAfterStyle RetryAfterStyle
    {
        get => retryAfterStyle;
        set => retryAfterStyle = value;
    }

    /// <summary>
    /// True (the default): Intune's own errors (a scripted <see cref="FaultKind.ErrorStatus"/>) carry Intune's JSON
    /// document as a string in <c>error.message</c>, as the service does. False: a plain message.
    /// </summary>
    public bool IntuneErrorMessages
    {
        get => intuneErrorMessages;
        set => intuneErrorMessages = value;
    }

    /// <summary>
    /// False (the default, as the service): only beta has the entity set; v1.0 answers 400 for its segment. True: v1.0
    /// answers as beta does.
    /// </summary>
    public bool AnswerOnV1
    {
        get => answerOnV1;
        set => answerOnV1 = value;
    }

    /// <summary>
    /// Token to application id, for the limits "per app per tenant". A token not listed belongs to the application its
    /// JWT names (appid or azp), else to one default application: every token of a test is the same app unless it says.
    /// Thread-safe.
    /// </summary>
    public IDictionary<string, string> TokenApps { get; } = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Enforce Intune's limits (Graph's throttling page, which names this resource), sliding over <see cref="WriteWindow"/>:
    /// <see cref="WriteLimit"/> writes per app and tenant, <see cref="TenantWriteLimit"/> per tenant,
    /// <see cref="RequestLimit"/> requests of any kind per app and tenant, <see cref="TenantRequestLimit"/> per tenant. On by default.
    /// </summary>
    public bool EnforceLimits
    {
        get => enforceLimits;
        set => enforceLimits = value;
    }

    /// <summary>Writes (POST, PATCH, DELETE) one app may make in one tenant per window; Intune's is 100.</summary>
    public int WriteLimit
    {
        get => writeLimit;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            writeLimit = value;
        }
    }

    /// <summary>Writes all apps together may make in one tenant per window; Intune's is 200.</summary>
    public int TenantWriteLimit
    {
        get => tenantWriteLimit;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            tenantWriteLimit = value;
        }
    }

    /// <summary>Requests of any kind one app may make in one tenant per window; Intune's is 1000.</summary>
    public int RequestLimit
    {
        get => requestLimit;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            requestLimit = value;
        }
    }

    /// <summary>Requests of any kind all apps together may make in one tenant per window; Intune's is 2000.</summary>
    public int TenantRequestLimit
    {
        get => tenantRequestLimit;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            tenantRequestLimit = value;
        }
    }

    /// <summary>The sliding window of every limit; Intune's is 20 s.</summary>
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
