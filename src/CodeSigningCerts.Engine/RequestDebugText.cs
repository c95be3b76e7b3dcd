using System.Linq;
using System.Net.Http;
using System.Text;

namespace CodeSigningCerts.Engine
{
    /// <summary>The -Debug text of a request or response, with the Authorization header redacted.</summary>
    internal static class RequestDebugText
    {
        private const int MaxBodyCharacters = 4096;

        public static string Describe(HttpRequestMessage request, string? body)
        {
            var text = new StringBuilder();
            text.Append("HTTP request: ").Append(request.Method).Append(' ').Append(request.RequestUri);
            foreach (var header in request.Headers)
            {
                var value = header.Key == "Authorization" ? "Bearer [redacted]" : string.Join(", ", header.Value);
                text.AppendLine().Append("  ").Append(header.Key).Append(": ").Append(value);
            }

            AppendBody(text, body);
            return text.ToString();
        }

        public static string Describe(HttpResponseMessage response, string body)
        {
            var text = new StringBuilder();
            text.Append("HTTP response: ").Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase);
            foreach (var header in response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<System.Collections.Generic.KeyValuePair<string, System.Collections.Generic.IEnumerable<string>>>()))
            {
                text.AppendLine().Append("  ").Append(header.Key).Append(": ").Append(string.Join(", ", header.Value));
            }

            AppendBody(text, body);
            return text.ToString();
        }

        private static void AppendBody(StringBuilder text, string? body)
        {
            if (string.IsNullOrEmpty(body))
            {
                return;
            }

            text.AppendLine().Append("  ").Append(body!.Length > MaxBodyCharacters ? body.Substring(0, MaxBodyCharacters) + "…" : body);
        }
    }
}
