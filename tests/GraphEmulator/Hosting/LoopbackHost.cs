using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GraphEmulator.Hosting;

/// <summary>
/// Kestrel on 127.0.0.1 with one request delegate, nothing read from the environment, silent. Plain HTTP,
/// or HTTPS with the given certificate (the Entra emulator: MSAL insists on https for an authority).
/// </summary>
internal static class LoopbackHost
{
    public static async Task<(WebApplication App, Uri BaseUri)> StartAsync(
        int port,
        RequestDelegate handler,
        CancellationToken cancellationToken,
        X509Certificate2? tlsCertificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(LoopbackHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        // In-flight requests (a slow response, say) must not hold up disposal for the default 30 s.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                if (tlsCertificate is not null)
                {
                    listen.UseHttps(tlsCertificate);
                }
            });
        });

        var app = builder.Build();
        app.Run(handler);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }

    public static async ValueTask StopAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync();
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
