namespace GraphEmulator.Tenants;

/// <summary>One device code, from issue to redemption. Thread-safe: a test approves it while the client polls.</summary>
internal sealed class DeviceAuthorization(string deviceCode, string userCode, string clientId, string tenant, string scope, DateTimeOffset expiresAt)
{
    private readonly Lock gate = new();
    private EntraUser? approvedBy;
    private bool redeemed;

    public string DeviceCode { get; } = deviceCode;

    public string UserCode { get; } = userCode;

    public string ClientId { get; } = clientId;

    /// <summary>The tenant segment the code was asked for at ("organizations" too).</summary>
    public string Tenant { get; } = tenant;

    public string Scope { get; } = scope;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>False when the code was already approved, redeemed or has expired.</summary>
    public bool TryApprove(EntraUser user, DateTimeOffset now)
    {
        lock (gate)
        {
            if (approvedBy is not null || redeemed || IsExpired(now))
            {
                return false;
            }

            approvedBy = user;
            return true;
        }
    }

    /// <summary>The user who approved it, once: a device code is redeemed a single time. Null while pending.</summary>
    public RedeemOutcome TryRedeem(out EntraUser? user)
    {
        lock (gate)
        {
            user = approvedBy;
            if (redeemed)
            {
                return RedeemOutcome.AlreadyRedeemed;
            }

            if (approvedBy is null)
            {
                return RedeemOutcome.Pending;
            }

            redeemed = true;
            return RedeemOutcome.Redeemed;
        }
    }
}
