using System;

namespace CodeSigningCerts.Engine.Auth
{
    /// <summary>A connection's token source and what the first token says about the sign-in.</summary>
    public sealed class SignInResult
    {
        internal SignInResult(ITokenSource tokens, AccessToken firstToken, string? account, string? tenantId, string[] scopes)
        {
            Tokens = tokens;
            FirstToken = firstToken;
            Account = account;
            TenantId = tenantId;
            Scopes = scopes;
        }

        /// <summary>Renews tokens silently for the life of the connection.</summary>
        public ITokenSource Tokens { get; }

        /// <summary>The token the sign-in produced.</summary>
        public AccessToken FirstToken { get; }

        /// <summary>The signed-in user, where a person signed in.</summary>
        public string? Account { get; }

        /// <summary>The tenant the token is for.</summary>
        public string? TenantId { get; }

        /// <summary>The scopes requested.</summary>
        public string[] Scopes { get; }
    }
}
