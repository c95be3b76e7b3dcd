using System.Security.Cryptography.X509Certificates;
using GraphEmulator.Hosting;
using GraphEmulator.Tenants;

namespace GraphEmulator.Entra;

/// <summary>
/// A local Microsoft Entra ID for the module's MSAL sign-in flows, linked to one <see cref="GraphEmulatorServer"/>:
/// client credentials (secret or certificate), device code, refresh tokens, and App Service managed identity.
/// Every access token it issues is registered with the linked Graph for the token's tenant and lifetime, so Graph
/// accepts exactly what this issued and refuses it once expired. Serves https on 127.0.0.1 with
/// <see cref="EmulatorTlsCertificate"/>, since MSAL accepts only https authorities.
/// </summary>
public sealed class EntraEmulatorServer : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<TokenRequestRecord> requests = [];
    private readonly EntraPipeline pipeline;
    private WebApplication? app;
    private ManagedIdentityHost? managedIdentityHost;
    private int disposed;

    private EntraEmulatorServer(GraphEmulatorServer graph, EntraOptions options)
    {
        Graph = graph;
        Options = options;
        Issuer = new TokenIssuer(graph, options);
        ManagedIdentity = new ManagedIdentityEndpoint(this);
        pipeline = new EntraPipeline(this);
    }

    /// <summary>https://127.0.0.1:port/ : the authority host; the module's authority is {AuthorityHost}{tenant}.</summary>
    public Uri AuthorityHost { get; private set; } = null!;

    /// <summary>
    /// http://127.0.0.1:port/msi/token, the value for IDENTITY_ENDPOINT. The same for every Entra emulator in the
    /// process (one shared listener that routes by the requested resource), so setting the variable is never a race.
    /// </summary>
    public Uri ManagedIdentityEndpoint { get; private set; } = null!;

    /// <summary>The value for IDENTITY_HEADER; the same for every Entra emulator in the process.</summary>
    public string ManagedIdentityHeader { get; private set; } = null!;

    /// <summary>Behaviour switches; may be changed while the server runs.</summary>
    public EntraOptions Options { get; }

    /// <summary>The Graph emulator whose root is the one resource this Entra issues tokens for.</summary>
    public GraphEmulatorServer Graph { get; }

    /// <summary>Every token, devicecode and managed identity request, in arrival order.</summary>
    public IReadOnlyList<TokenRequestRecord> TokenRequests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Every access token issued, in order.</summary>
    public IReadOnlyList<string> IssuedTokens => Issuer.Issued;

    /// <summary>The user codes of every device code issued, oldest first (what a person would read off the screen).</summary>
    public IReadOnlyList<string> UserCodes => [.. DeviceCodes.All.Select(a => a.UserCode)];

    internal EntraDirectory Directory { get; } = new();

    internal DeviceCodeStore DeviceCodes { get; } = new();

    internal RefreshTokenStore RefreshTokens { get; } = new();

    internal TokenIssuer Issuer { get; }

    internal ManagedIdentityEndpoint ManagedIdentity { get; }

    /// <summary>Starts on a free port, linked to <paramref name="graph"/>; trusts the TLS certificate first unless told not to.</summary>
    public static async Task<EntraEmulatorServer> StartAsync(GraphEmulatorServer graph, EntraOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new EntraOptions();
        if (options.TrustTlsCertificate)
        {
            EmulatorTlsCertificate.EnsureTrusted();
        }

        var server = new EntraEmulatorServer(graph, options);
        var (app, baseUri) = await LoopbackHost.StartAsync(0, server.pipeline.HandleAsync, ct, EmulatorTlsCertificate.Certificate);
        server.app = app;
        server.AuthorityHost = baseUri;
        try
        {
            var host = await ManagedIdentityHost.GetAsync(ct);
            host.Attach(server.Issuer.GraphResource, server);
            server.managedIdentityHost = host;
            server.ManagedIdentityEndpoint = host.Endpoint;
            server.ManagedIdentityHeader = host.Header;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>The authority MSAL is given for <paramref name="tenant"/>: {AuthorityHost}{tenant}.</summary>
    public Uri Authority(string tenant) => new(AuthorityHost, Uri.EscapeDataString(tenant));

    /// <summary>
    /// Registers a confidential app in <paramref name="tenantId"/> with a secret, a certificate (only its public part is
    /// kept, as Entra keeps it), or both. Registering the same app and tenant again replaces its credentials.
    /// </summary>
    public void RegisterApp(string tenantId, string clientId, string? secret = null, X509Certificate2? certificate = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        if (secret is null && certificate is null)
        {
            throw new ArgumentException("A confidential app needs a secret or a certificate.", nameof(secret));
        }

        Directory.AddApp(tenantId, clientId, secret, certificate);
    }

    /// <summary>Registers a public client (device code and refresh tokens), usable from any tenant, as a multi-tenant app is.</summary>
    public void RegisterPublicClient(string clientId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        Directory.AddPublicClient(clientId);
    }

    /// <summary>
    /// Registers a managed identity of the emulated Azure resource. The system-assigned one answers when the request
    /// names no identity; a user-assigned one is found by client_id, object_id (<paramref name="objectId"/>, made up when
    /// not given) or mi_res_id (<paramref name="resourceId"/>, an ARM id ending in the client id when not given).
    /// </summary>
    public void RegisterManagedIdentity(string clientId, string tenantId, bool systemAssigned, string? objectId = null, string? resourceId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        Directory.AddManagedIdentity(new ManagedIdentity(
            clientId,
            tenantId,
            systemAssigned,
            objectId ?? Guid.NewGuid().ToString(),
            resourceId ?? $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/emulator/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{clientId}"));
    }

    /// <summary>
    /// What the person does at /devicelogin: approves the code, as <paramref name="user"/> (in the tenant the code was
    /// asked for, or <see cref="EntraOptions.HomeTenantId"/> for "organizations"). The client's next poll gets the token.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such code, or it was already approved, redeemed or has expired.</exception>
    public void ApproveDeviceCode(string userCode, string user = "admin@contoso.com")
    {
        ArgumentException.ThrowIfNullOrEmpty(userCode);
        ArgumentException.ThrowIfNullOrEmpty(user);
        var authorization = DeviceCodes.FindByUserCode(userCode)
            ?? throw new InvalidOperationException($"No device code with user code '{userCode}' was issued.");
        if (!authorization.TryApprove(EntraUser.Create(user, HomeTenant(authorization.Tenant)), DateTimeOffset.UtcNow))
        {
            throw new InvalidOperationException($"The device code '{userCode}' was already approved or has expired.");
        }
    }

    /// <summary>
    /// Revokes the refresh tokens issued so far (of one client when given): the next silent renewal gets invalid_grant
    /// (AADSTS50173), which MSAL turns into MsalUiRequiredException. Returns how many were revoked.
    /// </summary>
    public int RevokeRefreshTokens(string? clientId = null) => RefreshTokens.Revoke(clientId);

    /// <summary>Stops listening on https and detaches from the shared managed identity listener (which stays up for the process).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        managedIdentityHost?.Detach(Issuer.GraphResource, this);
        if (app is not null)
        {
            await LoopbackHost.StopAsync(app);
        }
    }

    /// <summary>The tenant a person signing in at <paramref name="pathTenant"/> belongs to.</summary>
    internal string HomeTenant(string pathTenant) =>
        TokenEndpoint.IsMultiTenantAlias(pathTenant) ? Options.HomeTenantId ?? Graph.Options.DefaultTenantId : pathTenant;

    internal void Record(TokenRequestRecord record)
    {
        lock (gate)
        {
            requests.Add(record);
        }
    }
}
