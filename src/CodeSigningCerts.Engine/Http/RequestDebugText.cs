using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// The -Debug text of a request or response. Credentials never reach it: headers that carry them are
    /// redacted by name, and anything shaped like a JWT (an Entra token) is redacted wherever it appears.
    /// </summary>
    internal static class RequestDebugText
    {
        private const int MaxBodyCharacters = 4096;
        private const string Redacted = TokenRedaction.Redacted;

        // Credentials with a scheme ("Bearer ..."): the scheme stays, so whether a token was sent is visible.
        private static readonly HashSet<string> CredentialHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Authorization",
            "Proxy-Authorization",
        };

        // Session secrets with no scheme: nothing of them stays.
        private static readonly HashSet<string> CookieHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Cookie",
            "Set-Cookie",
        };

        public static string Describe(HttpRequestMessage request, string? body)
        {
            var text = new StringBuilder();
            text.Append("HTTP request: ").Append(request.Method).Append(' ').Append(request.RequestUri);
            AppendHeaders(text, request.Headers);
            AppendBody(text, body);
            return Scrub(text);
        }

        public static string Describe(HttpResponseMessage response, string body)
        {
            var text = new StringBuilder();
            text.Append("HTTP response: ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase);
            AppendHeaders(text, response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()));
            AppendBody(text, body);
            return Scrub(text);
        }

        private static void AppendHeaders(StringBuilder text, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
        {
            foreach (var header in headers)
            {
                text.AppendLine().Append("  ").Append(header.Key).Append(": ").Append(ValueOf(header));
            }
        }

        private static string ValueOf(KeyValuePair<string, IEnumerable<string>> header) =>
            CredentialHeaders.Contains(header.Key) ? SchemeOnly(header.Value)
            : CookieHeaders.Contains(header.Key) ? Redacted
            : string.Join(", ", header.Value);

        /// <summary>"Bearer [redacted]": whether a token was sent stays visible, the token does not.</summary>
        private static string SchemeOnly(IEnumerable<string> values)
        {
            var first = values.FirstOrDefault() ?? string.Empty;
            var space = first.IndexOf(' ');
            return space > 0 ? first.Substring(0, space) + " " + Redacted : Redacted;
        }

        private static void AppendBody(StringBuilder text, string? body)
        {
            if (string.IsNullOrEmpty(body))
            {
                return;
            }

            text.AppendLine().Append("  ").Append(body!.Length > MaxBodyCharacters ? body.Substring(0, MaxBodyCharacters) + "…" : body);
        }

        // A bearer token that ended up in a body or a link.
        private static string Scrub(StringBuilder text) => TokenRedaction.RedactJwts(text.ToString());
    }
}
