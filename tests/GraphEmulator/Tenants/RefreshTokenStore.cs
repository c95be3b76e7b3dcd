using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GraphEmulator.Tenants;

/// <summary>
/// Refresh tokens issued. Redeeming one issues a new one (MSAL stores the newest); the old one stays good, as
/// Entra's do until they expire or are revoked. Revoked ones are remembered so the refusal can say so. Thread-safe.
/// </summary>
internal sealed class RefreshTokenStore
{
    private readonly ConcurrentDictionary<string, RefreshGrant> live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefreshGrant> revoked = new(StringComparer.Ordinal);

    public string Issue(RefreshGrant grant)
    {
        // Opaque, as Entra's are ("1.AXYA..." style strings that clients must not parse).
        var token = "1.emulator-rt." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        live[token] = grant;
        return token;
    }

    public RefreshGrant? Find(string token) => live.GetValueOrDefault(token);

    public bool WasRevoked(string token) => revoked.ContainsKey(token);

    /// <summary>Revokes every refresh token (of one client when given); returns how many.</summary>
    public int Revoke(string? clientId)
    {
        var count = 0;
        foreach (var (token, grant) in live)
        {
            if ((clientId is null || string.Equals(grant.ClientId, clientId, StringComparison.OrdinalIgnoreCase)) && live.TryRemove(token, out _))
            {
                revoked[token] = grant;
                count++;
            }
        }

        return count;
    }
}
