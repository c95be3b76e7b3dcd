using System;

namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>A connection's token source and what the first token says about the sign-in (never the token itself).</summary>
    public sealed class SignInResult
    {
        internal SignInResult(ITokenSource tokens, TokenClaims? firstTokenClaims, string? account, string? tenantId, string[] scopes)
        {
            Tokens = tokens;
            FirstTokenClaims = firstTokenClaims;
            Account = account;
            TenantId = tenantId;
            Scopes = scopes;
        }

        /// <summary>Renews tokens silently for the life of the connection.</summary>
        public ITokenSource Tokens { get; }

        /// <summary>What the token the sign-in produced says about itself; null when it is not a readable JWT.</summary>
        public TokenClaims? FirstTokenClaims { get; }

        /// <summary>The signed-in user, where a person signed in.</summary>
        public string? Account { get; }

        /// <summary>The tenant the token is for.</summary>
        public string? TenantId { get; }

        /// <summary>The scopes requested.</summary>
        public string[] Scopes { get; }
    }
}
