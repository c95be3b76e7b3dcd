namespace GraphEmulator.Entra;

/// <summary>An access token and the moment it stops working.</summary>
internal sealed record IssuedAccessToken(string Token, DateTimeOffset ExpiresAt, TimeSpan Lifetime);
