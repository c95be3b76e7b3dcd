namespace GraphEmulator.Tenants;

/// <summary>What polling the token endpoint with a device code finds.</summary>
internal enum RedeemOutcome
{
    Pending,
    Redeemed,
    AlreadyRedeemed,
}
