using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts.Engine.Json
{
    /// <summary>
    /// The mapping between an X509Certificate2 and Graph's enterpriseCodeSigningCertificate JSON
    /// (docs/examples.md, "From a certificate to the resource"). Only the public certificate (RawData) is ever put in a body.
    /// </summary>
    internal static class CertificateJson
    {
        // How Graph writes a DateTimeOffset: UTC, with or without fractions of a second.
        private static readonly string[] GraphDateFormats = { "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" };

        /// <summary>Every property derived from <paramref name="certificate"/>, the upload time, and the status when given.</summary>
        public static Dictionary<string, object?> ToBody(X509Certificate2 certificate, DateTimeOffset uploadTime, string? status)
        {
            var body = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                // The bytes: the JSON writer writes them as base64.
                ["content"] = certificate.RawData,
                ["subject"] = certificate.Subject,
                ["subjectName"] = certificate.GetNameInfo(X509NameType.SimpleName, false),
                ["issuer"] = certificate.Issuer,
                ["issuerName"] = certificate.GetNameInfo(X509NameType.SimpleName, true),
                ["expirationDateTime"] = FormatDate(new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero)),
                ["uploadDateTime"] = FormatDate(uploadTime),
            };
            if (status is not null)
            {
                body["status"] = status;
            }

            return body;
        }

        /// <summary>A body that changes only the status.</summary>
        public static Dictionary<string, object?> StatusBody(string status) =>
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["status"] = status };

        /// <summary>ISO 8601 in UTC, as Graph writes its DateTimeOffset values.</summary>
        public static string FormatDate(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>Reads a Graph entity (or a body this module built).</summary>
        public static CertificateRecord ToRecord(IReadOnlyDictionary<string, object?> json) => new CertificateRecord(json);

        /// <summary>The entities of one page of a collection, and the link to the next page (null on the last).</summary>
        public static List<CertificateRecord> ReadPage(IReadOnlyDictionary<string, object?>? page, out string? nextLink)
        {
            var records = new List<CertificateRecord>();
            nextLink = null;
            if (page is null)
            {
                return records;
            }

            if (page.TryGetValue("value", out var value) && value is IEnumerable<object?> items)
            {
                foreach (var item in items)
                {
                    if (item is IReadOnlyDictionary<string, object?> entity)
                    {
                        records.Add(ToRecord(entity));
                    }
                }
            }

            nextLink = Text(page, "@odata.nextLink");
            return records;
        }

        public static string? Text(IReadOnlyDictionary<string, object?> json, string name) =>
            json.TryGetValue(name, out var value) ? value as string : null;

        public static DateTimeOffset? Date(IReadOnlyDictionary<string, object?> json, string name)
        {
            // Graph's own shape first, then any other date .NET can read.
            var text = Text(json, name);
            return text is not null
                && (DateTimeOffset.TryParseExact(text, GraphDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                    || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
                ? date.ToUniversalTime()
                : null;
        }

        /// <summary>Base64 content as Graph sends it, or the bytes of a body this module built.</summary>
        public static byte[]? Bytes(IReadOnlyDictionary<string, object?> json, string name)
        {
            json.TryGetValue(name, out var value);
            switch (value)
            {
                case byte[] bytes:
                    return bytes;
                case string { Length: > 0 } text:
                    try
                    {
                        return Convert.FromBase64String(text);
                    }
                    catch (FormatException)
                    {
                        // Content Graph sent that is not base64 is no certificate we can show; keep the rest.
                        return null;
                    }

                default:
                    return null;
            }
        }
    }
}
