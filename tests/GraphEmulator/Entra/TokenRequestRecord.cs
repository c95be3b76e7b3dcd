namespace GraphEmulator.Entra;

/// <summary>One request to the Entra emulator's token, devicecode or managed identity endpoint, and how it ended.</summary>
public sealed class TokenRequestRecord
{
    /// <summary>"token", "devicecode" or "managedidentity".</summary>
    public required string Endpoint { get; init; }

    /// <summary>The grant_type sent to the token endpoint (client_credentials, refresh_token, the device code URN); null elsewhere.</summary>
    public string? GrantType { get; init; }

    /// <summary>The client_id sent; for managed identity, the identity's client id (or the one asked for when none matched).</summary>
    public string? ClientId { get; init; }

    /// <summary>The tenant segment of the path ("organizations" too); for managed identity, the identity's tenant.</summary>
    public string? TenantId { get; init; }

    /// <summary>The scope parameter as sent (token and devicecode endpoints).</summary>
    public string? Scope { get; init; }

    /// <summary>The resource parameter (managed identity).</summary>
    public string? Resource { get; init; }

    /// <summary>"secret", "assertion", "device_code", "refresh_token" or "managed_identity"; null when the request carried no credential.</summary>
    public string? AuthMethod { get; init; }

    /// <summary>True when a token (or, at devicecode, a code) was issued.</summary>
    public bool Succeeded { get; init; }

    /// <summary>The OAuth error code answered (invalid_client, authorization_pending...), or the managed identity error; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>The access token issued, or null.</summary>
    public string? IssuedToken { get; init; }

    /// <summary>When the request arrived.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Endpoint} {GrantType ?? "-"} client={ClientId ?? "-"} tenant={TenantId ?? "-"} via={AuthMethod ?? "-"} -> {(Succeeded ? "issued" : Error)}";
}
