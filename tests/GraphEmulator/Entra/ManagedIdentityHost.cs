using System.Collections.Concurrent;
using System.Security.Cryptography;
using GraphEmulator.Hosting;
using GraphEmulator.Tenants;

namespace GraphEmulator.Entra;

/// <summary>
/// The one managed identity listener of the process (plain http on 127.0.0.1, as App Service's local endpoint is).
/// MSAL reads IDENTITY_ENDPOINT and IDENTITY_HEADER from the process environment on every request, so two tests
/// running at once could never point it at two listeners. Instead every Entra emulator shares this one, with one
/// fixed header value, and a request reaches the emulator whose linked Graph is the requested resource: each test
/// has its own Graph emulator (its own port), so identities never cross between tests. Started on first use, it
/// lives as long as the process, so the environment variables a test sets stay right for every later test.
/// </summary>
internal sealed class ManagedIdentityHost
{
    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static ManagedIdentityHost? shared;

    private readonly ConcurrentDictionary<string, EntraEmulatorServer> byResource = new(StringComparer.OrdinalIgnoreCase);

    // Held so the listener lives as long as this (static) host.
    private WebApplication? app;

    private ManagedIdentityHost()
    {
    }

    /// <summary>http://127.0.0.1:port/msi/token: the value for IDENTITY_ENDPOINT.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The value for IDENTITY_HEADER, random per process (App Service's is a secret too).</summary>
    public string Header { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static async Task<ManagedIdentityHost> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref shared) is { } existing)
        {
            return existing;
        }

        await StartGate.WaitAsync(cancellationToken);
        try
        {
            if (shared is null)
            {
                var host = new ManagedIdentityHost();
                var (started, baseUri) = await LoopbackHost.StartAsync(0, host.HandleAsync, cancellationToken);
                host.app = started;
                host.Endpoint = new Uri(baseUri, "msi/token");
                Volatile.Write(ref shared, host);
            }

            return shared;
        }
        finally
        {
            StartGate.Release();
        }
    }

    /// <summary>Requests for <paramref name="graphResource"/> go to <paramref name="server"/> from now on.</summary>
    public void Attach(string graphResource, EntraEmulatorServer server) => byResource[graphResource] = server;

    public void Detach(string graphResource, EntraEmulatorServer server) => byResource.TryRemove(KeyValuePair.Create(graphResource, server));

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = HighResolutionClock.UtcNow;
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !string.Equals(request.Path.Value, Endpoint.AbsolutePath, StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, PlainError(404, $"Managed identity emulator: GET {Endpoint.AbsolutePath}?api-version={ManagedIdentityEndpoint.ApiVersion}&resource=..."));
            return;
        }

        var resource = request.Query["resource"].ToString();
        if (resource.Length == 0)
        {
            await WriteAsync(context, PlainError(400, "Required query parameter 'resource' is missing."));
            return;
        }

        // A resource no emulator serves is refused here: there is no emulator whose log it belongs in.
        if (!byResource.TryGetValue(resource.TrimEnd('/'), out var server))
        {
            await WriteAsync(context, PlainError(400, $"AADSTS500011: The resource principal named {resource} was not found in the tenant."));
            return;
        }

        var exchange = new TokenExchange("managedidentity", receivedAt, Guid.NewGuid().ToString());
        var response = server.ManagedIdentity.Handle(request, resource, Header, exchange);
        server.Record(exchange.Record!);
        server.Options.Trace?.WriteLine($"GET {request.Path}{request.QueryString} -> {response.Status}");
        await WriteAsync(context, response);
    }

    private static EmulatorResponse PlainError(int status, string message) =>
        new TokenExchange("managedidentity", DateTimeOffset.UtcNow, Guid.NewGuid().ToString()).FailManagedIdentity(status, message);

    private static async Task WriteAsync(HttpContext context, EmulatorResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        if (response.Body is { } body)
        {
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
