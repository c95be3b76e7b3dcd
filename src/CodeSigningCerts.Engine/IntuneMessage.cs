using System;
using CodeSigningCerts.Engine.Json;
using System.Collections.Generic;

namespace CodeSigningCerts.Engine
{
    /// <summary>
    /// Intune's errors carry a JSON document as a string in Graph's <c>error.message</c>
    /// (<c>{"_version": 3, "Message": "An error has occurred - Operation ID (for customer support): … - Activity ID: … - Url: …", …}</c>). A user needs the sentence and the ids support asks for, not the document.
    /// </summary>
    internal static class IntuneMessage
    {
        private const string OperationMarker = " - Operation ID (for customer support): ";
        private const string ActivityMarker = " - Activity ID: ";
        private const string UrlMarker = " - Url: ";

        /// <summary>The readable message: Intune's inner sentence with its Operation and Activity IDs; <paramref name="message"/> itself when it is no such document.</summary>
        public static string Readable(string message)
        {
            var trimmed = message.Trim();
            if (!trimmed.StartsWith("{", StringComparison.Ordinal))
            {
                return message;
            }

            IReadOnlyDictionary<string, object?> document;
            try
            {
                document = CertificateJson.ParseObject(trimmed);
            }
            catch (FormatException)
            {
                return message;
            }

            string? inner = null;
            foreach (var pair in document)
            {
                if (string.Equals(pair.Key, "Message", StringComparison.OrdinalIgnoreCase))
                {
                    inner = pair.Value as string;
                }
            }

            return string.IsNullOrWhiteSpace(inner) ? message : Describe(inner!.Trim());
        }

        /// <summary>"text - Operation ID (…): o - Activity ID: a - Url: u" as "text (Operation ID: o, Activity ID: a)"; the Url is Intune's internal host, of no use to a user.</summary>
        private static string Describe(string inner)
        {
            var text = Before(inner, OperationMarker, ActivityMarker, UrlMarker).Trim();
            var operation = Between(inner, OperationMarker);
            var activity = Between(inner, ActivityMarker);
            var ids = new List<string>(2);
            if (operation.Length > 0)
            {
                ids.Add("Operation ID: " + operation);
            }

            if (activity.Length > 0)
            {
                ids.Add("Activity ID: " + activity);
            }

            return ids.Count == 0 ? inner : text.TrimEnd('.') + " (" + string.Join(", ", ids) + ")";
        }

        private static string Before(string text, params string[] markers)
        {
            var end = text.Length;
            foreach (var marker in markers)
            {
                var at = text.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0 && at < end)
                {
                    end = at;
                }
            }

            return text.Substring(0, end);
        }

        /// <summary>The value after <paramref name="marker"/>, up to the next " - " marker.</summary>
        private static string Between(string text, string marker)
        {
            var start = text.IndexOf(marker, StringComparison.Ordinal);
            if (start < 0)
            {
                return string.Empty;
            }

            start += marker.Length;
            var end = text.IndexOf(" - ", start, StringComparison.Ordinal);
            return (end < 0 ? text.Substring(start) : text.Substring(start, end - start)).Trim();
        }
    }
}
