using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace GraphEmulator.Tenants;

/// <summary>What the emulated tenants know: app registrations, public clients, managed identities. Thread-safe.</summary>
internal sealed class EntraDirectory
{
    // Client ids and tenant ids compare case-insensitively in Entra, as GUIDs do.
    private readonly ConcurrentDictionary<string, ConfidentialApp> apps = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> publicClients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ManagedIdentity> identities = new(StringComparer.OrdinalIgnoreCase);
    private volatile ManagedIdentity? systemAssigned;

    public void AddApp(string tenantId, string clientId, string? secret, X509Certificate2? certificate)
    {
        // Entra keeps only the public part of a certificate credential; so does the emulator.
        var publicOnly = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.RawData);
        apps[Key(tenantId, clientId)] = new ConfidentialApp(tenantId, clientId, secret, publicOnly);
    }

    public ConfidentialApp? FindApp(string tenantId, string clientId) => apps.GetValueOrDefault(Key(tenantId, clientId));

    public void AddPublicClient(string clientId) => publicClients[clientId] = 0;

    public bool IsPublicClient(string clientId) => publicClients.ContainsKey(clientId);

    public void AddManagedIdentity(ManagedIdentity identity)
    {
        identities[identity.ClientId] = identity;
        if (identity.SystemAssigned)
        {
            systemAssigned = identity; // a resource has one system-assigned identity: the latest registered
        }
    }

    /// <summary>The identity App Service would pick for these query parameters; the system-assigned one when none is given.</summary>
    public ManagedIdentity? FindManagedIdentity(string? clientId, string? objectId, string? resourceId)
    {
        if (clientId is not null)
        {
            return identities.GetValueOrDefault(clientId);
        }

        if (objectId is not null)
        {
            return identities.Values.FirstOrDefault(i => string.Equals(i.ObjectId, objectId, StringComparison.OrdinalIgnoreCase));
        }

        if (resourceId is not null)
        {
            return identities.Values.FirstOrDefault(i => string.Equals(i.ResourceId, resourceId, StringComparison.OrdinalIgnoreCase));
        }

        return systemAssigned;
    }

    private static string Key(string tenantId, string clientId) => tenantId + "\n" + clientId;
}
