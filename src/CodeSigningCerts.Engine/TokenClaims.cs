using System;
using System.Collections.Generic;
using System.Text;
using CodeSigningCerts.Engine.Json;

namespace CodeSigningCerts.Engine
{
    /// <summary>
    /// What a Graph access token says about itself (tenant, app, account, scopes, expiry), read from
    /// its JWT payload without validating it: Graph validates it. Only these claims leave this class;
    /// the token itself is never stored here.
    /// </summary>
    public sealed class TokenClaims
    {
        private TokenClaims(string? tenantId, string? clientId, string? account, string[] scopes, DateTimeOffset? expiresOn)
        {
            TenantId = tenantId;
            ClientId = clientId;
            Account = account;
            Scopes = scopes;
            ExpiresOn = expiresOn;
        }

        /// <summary>The tid claim.</summary>
        public string? TenantId { get; }

        /// <summary>The appid or azp claim.</summary>
        public string? ClientId { get; }

        /// <summary>upn, preferred_username or unique_name; for app-only tokens the app's name (app_displayname) if any.</summary>
        public string? Account { get; }

        /// <summary>The scp (delegated) or roles (application) claim.</summary>
        public string[] Scopes { get; }

        /// <summary>The exp claim.</summary>
        public DateTimeOffset? ExpiresOn { get; }

        /// <summary>The claims of a JWT, or null when the token is not a readable JWT (an opaque token is allowed).</summary>
        public static TokenClaims? TryRead(string token)
        {
            var parts = token.Split('.');
            if (parts.Length != 3)
            {
                return null;
            }

            IReadOnlyDictionary<string, object?> payload;
            try
            {
                payload = CertificateJson.ParseObject(Encoding.UTF8.GetString(Base64UrlDecode(parts[1])));
            }
            catch (FormatException)
            {
                return null;
            }

            var scopes = Text(payload, "scp")?.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)
                ?? (payload.TryGetValue("roles", out var roles) && roles is IEnumerable<object?> list ? ToStrings(list) : Array.Empty<string>());
            DateTimeOffset? expiresOn = payload.TryGetValue("exp", out var exp) && exp is long seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
            return new TokenClaims(
                Text(payload, "tid"),
                Text(payload, "appid") ?? Text(payload, "azp"),
                Text(payload, "upn") ?? Text(payload, "preferred_username") ?? Text(payload, "unique_name") ?? Text(payload, "app_displayname"),
                scopes,
                expiresOn);
        }

        private static string? Text(IReadOnlyDictionary<string, object?> payload, string name) =>
            payload.TryGetValue(name, out var value) ? value as string : null;

        private static string[] ToStrings(IEnumerable<object?> values)
        {
            var result = new List<string>();
            foreach (var value in values)
            {
                if (value is string text)
                {
                    result.Add(text);
                }
            }

            return result.ToArray();
        }

        private static byte[] Base64UrlDecode(string text)
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - (base64.Length % 4)) % 4);
            return Convert.FromBase64String(base64);
        }
    }
}
