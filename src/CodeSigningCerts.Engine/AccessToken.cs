using System;

namespace CodeSigningCerts.Engine
{
    /// <summary>A bearer token and when it stops working. Never logged, never written to a stream.</summary>
    public sealed class AccessToken
    {
        /// <summary>Creates a token.</summary>
        public AccessToken(string token, DateTimeOffset? expiresOn)
        {
            Token = token ?? throw new ArgumentNullException(nameof(token));
            ExpiresOn = expiresOn;
        }

        /// <summary>The token itself.</summary>
        public string Token { get; }

        /// <summary>When the token expires, where known.</summary>
        public DateTimeOffset? ExpiresOn { get; }

        /// <summary>Keeps the token out of anything that prints the object.</summary>
        public override string ToString() => "AccessToken(expires " + (ExpiresOn?.ToString("o") ?? "unknown") + ")";
    }
}
