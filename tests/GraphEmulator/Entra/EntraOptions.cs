using GraphEmulator.Hosting;

namespace GraphEmulator.Entra;

/// <summary>
/// How the Entra emulator behaves. Everything may be changed while it runs; each request reads the values afresh.
/// </summary>
public sealed class EntraOptions
{
    private long tokenLifetimeTicks = TimeSpan.FromHours(1).Ticks;
    private long deviceCodeLifetimeTicks = TimeSpan.FromMinutes(15).Ticks;
    private volatile bool autoApproveDeviceCodes;
    private volatile string defaultUser = "admin@contoso.com";
    private volatile string? homeTenantId;
    private volatile bool trustTlsCertificate = true;
    private volatile TextWriter? trace;

    /// <summary>
    /// How long an access token lives (expires_in, exp, and when the linked Graph emulator starts refusing it).
    /// Entra's default is 60-90 minutes; a test of silent renewal sets a few seconds.
    /// </summary>
    public TimeSpan TokenLifetime
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref tokenLifetimeTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            Interlocked.Exchange(ref tokenLifetimeTicks, value.Ticks);
        }
    }

    /// <summary>How long a device code can be redeemed (expires_in of the devicecode answer); Entra's is 15 minutes.</summary>
    public TimeSpan DeviceCodeLifetime
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref deviceCodeLifetimeTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            Interlocked.Exchange(ref deviceCodeLifetimeTicks, value.Ticks);
        }
    }

    /// <summary>
    /// True: every device code is approved by <see cref="DefaultUser"/> as soon as it is issued, so the first poll
    /// gets the token. False: polls get authorization_pending until <see cref="EntraEmulatorServer.ApproveDeviceCode"/>.
    /// </summary>
    public bool AutoApproveDeviceCodes
    {
        get => autoApproveDeviceCodes;
        set => autoApproveDeviceCodes = value;
    }

    /// <summary>The user who approves device codes automatically.</summary>
    public string DefaultUser
    {
        get => defaultUser;
        set => defaultUser = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The tenant of a person who signs in at "organizations" or "common" (no tenant named); null means the linked
    /// Graph emulator's <see cref="EmulatorOptions.DefaultTenantId"/>. A sign-in at a named tenant is in that tenant.
    /// </summary>
    public string? HomeTenantId
    {
        get => homeTenantId;
        set => homeTenantId = value;
    }

    /// <summary>
    /// True (the default): <see cref="EntraEmulatorServer.StartAsync"/> calls <see cref="EmulatorTlsCertificate.EnsureTrusted"/>,
    /// so HttpClient and MSAL in this process accept the emulator's https. Read once, at start.
    /// </summary>
    public bool TrustTlsCertificate
    {
        get => trustTlsCertificate;
        set => trustTlsCertificate = value;
    }

    /// <summary>When set, one line per request on either listener ("POST /tenant/oauth2/v2.0/token -> 200"), to see what a client asks for.</summary>
    public TextWriter? Trace
    {
        get => trace;
        set => trace = value;
    }
}
