using System;
using System.Text.RegularExpressions;

namespace CodeSigningCerts.Engine.Http
{
    /// <summary>
    /// Takes the bearer token out of text a server wrote, before it becomes an error message: a service or a
    /// proxy that quotes the request back ("Token 'eyJ…' is malformed") would otherwise put the token in the
    /// ErrorRecord, in $Error, and in every transcript and log that records errors.
    /// </summary>
    internal static class TokenRedaction
    {
        private const string Redacted = "[redacted]";

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

            return Jwt.Replace(redacted, Redacted);
        }
    }
}
