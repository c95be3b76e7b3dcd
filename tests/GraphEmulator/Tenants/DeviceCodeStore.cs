using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GraphEmulator.Tenants;

/// <summary>Device codes issued, found by device code (the client polls with it) or by user code (the person types it). Thread-safe.</summary>
internal sealed class DeviceCodeStore
{
    // Entra's user codes are nine letters and digits that are hard to confuse when read off a screen.
    private const string UserCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly ConcurrentDictionary<string, DeviceAuthorization> byDeviceCode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeviceAuthorization> byUserCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<DeviceAuthorization> inIssueOrder = new();

    public DeviceAuthorization Issue(string clientId, string tenant, string scope, DateTimeOffset expiresAt)
    {
        while (true)
        {
            var authorization = new DeviceAuthorization(
                Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('='),
                RandomNumberGenerator.GetString(UserCodeAlphabet, 9),
                clientId,
                tenant,
                scope,
                expiresAt);
            if (byUserCode.TryAdd(authorization.UserCode, authorization))
            {
                byDeviceCode[authorization.DeviceCode] = authorization;
                inIssueOrder.Enqueue(authorization);
                return authorization;
            }
        }
    }

    public DeviceAuthorization? FindByDeviceCode(string deviceCode) => byDeviceCode.GetValueOrDefault(deviceCode);

    public DeviceAuthorization? FindByUserCode(string userCode) => byUserCode.GetValueOrDefault(userCode.Trim());

    /// <summary>The codes issued so far, oldest first.</summary>
    public IReadOnlyList<DeviceAuthorization> All => [.. inIssueOrder];
}
