using System.Security.Cryptography.X509Certificates;

namespace GraphEmulator.Tenants;

/// <summary>An app registration in one tenant with its credentials: a secret, a certificate's public part, or both.</summary>
internal sealed record ConfidentialApp(string TenantId, string ClientId, string? Secret, X509Certificate2? Certificate);
