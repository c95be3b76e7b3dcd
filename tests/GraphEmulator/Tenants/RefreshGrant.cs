namespace GraphEmulator.Tenants;

/// <summary>What a refresh token stands for: a person's sign-in to one public client.</summary>
internal sealed record RefreshGrant(string ClientId, EntraUser User);
