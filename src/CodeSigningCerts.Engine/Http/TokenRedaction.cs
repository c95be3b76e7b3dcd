using System.Text.RegularExpressions;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// The one redactor: takes bearer tokens out of text before it becomes an error message or -Debug output. A service
    /// or a proxy that quotes the request back ("Token 'eyJ…' is malformed") would otherwise put the token in the
    /// ErrorRecord, in $Error, and in every transcript and log that records errors.
    /// </summary>
    internal static class TokenRedaction
    {
        public const string Redacted = "[redacted]";

        // A part shorter than this (a JWT's header can be, and is no secret alone) is too likely to occur by chance.
        private const int ShortestSecretPart = 16;

        // header.payload.signature, base64url: an Entra token, also one other than the connection's.
        private static readonly Regex Jwt = new Regex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant);

        /// <summary><paramref name="text"/> without <paramref name="token"/>, any part of it, or anything shaped like a JWT.</summary>
        public static string? Redact(string? text, string token)
        {
            if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(token))
            {
                return text;
            }

            var redacted = text!.Replace(token, Redacted);
            foreach (var part in token.Split('.'))
            {
                if (part.Length >= ShortestSecretPart)
                {
                    redacted = redacted.Replace(part, Redacted);
                }
            }

            return RedactJwts(redacted);
        }

        /// <summary><paramref name="text"/> without anything shaped like a JWT.</summary>
        public static string RedactJwts(string text) => Jwt.Replace(text, Redacted);
    }
}
