using System.Security.Cryptography;
using System.Text;

namespace GraphEmulator.Tenants;

/// <summary>A person who approved a device code, in the tenant they signed in to.</summary>
internal sealed record EntraUser(string UserPrincipalName, string TenantId, string ObjectId)
{
    /// <summary>The display name: the part of the UPN before '@' ("admin" for admin@contoso.com).</summary>
    public string DisplayName => UserPrincipalName.Split('@')[0];

    /// <summary>The same person in the same tenant always gets the same object id, as a directory would give them.</summary>
    public static EntraUser Create(string userPrincipalName, string tenantId) =>
        new(userPrincipalName, tenantId, StableId(userPrincipalName.ToUpperInvariant() + "|" + tenantId.ToUpperInvariant()));

    /// <summary>A GUID derived from <paramref name="seed"/>: a directory object id that does not change between sign-ins.</summary>
    public static string StableId(string seed) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)).ToString();
}
