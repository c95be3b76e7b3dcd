using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography.X509Certificates;

namespace CodeSigningCerts
{
    /// <summary>
    /// The mapping between an X509Certificate2 and Graph's enterpriseCodeSigningCertificate JSON
    /// (README.md, "From a certificate to the resource"). Only the public certificate (RawData) is ever put in a body.
    /// </summary>
    internal static class CertificateResource
    {
        internal const string CollectionPath = "deviceAppManagement/enterpriseCodeSigningCertificates";

        // How Graph writes a DateTimeOffset: UTC, with or without fractions of a second.
        private static readonly string[] GraphDateFormats = { "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" };

        internal static string ItemPath(string id) => CollectionPath + "/" + Uri.EscapeDataString(id);

        /// <summary>Every property derived from the certificate, plus the upload time.</summary>
        public static Dictionary<string, object?> FromCertificate(X509Certificate2 certificate, DateTimeOffset uploadTime)
        {
            // Sized for these seven and the status the caller adds: no growing along the way.
            return new Dictionary<string, object?>(8, StringComparer.Ordinal)
            {
                // The bytes, not their base64 text: the JSON writer writes them as base64 straight into the body.
                ["content"] = certificate.RawData,
                ["subject"] = certificate.Subject,
                ["subjectName"] = certificate.GetNameInfo(X509NameType.SimpleName, false),
                ["issuer"] = certificate.Issuer,
                ["issuerName"] = certificate.GetNameInfo(X509NameType.SimpleName, true),
                ["expirationDateTime"] = FormatDate(new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero)),
                ["uploadDateTime"] = FormatDate(uploadTime),
            };
        }

        /// <summary>ISO 8601 in UTC, as Graph writes its DateTimeOffset values.</summary>
        public static string FormatDate(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>Reads a Graph entity, ignoring what this version does not know.</summary>
        public static EnterpriseCodeSigningCertificate ToResult(IReadOnlyDictionary<string, object?> json) =>
            Build(json, Bytes(json, "content"));

        /// <summary>
        /// The entity Graph created for <paramref name="certificate"/> from the body <paramref name="sent"/>. Graph
        /// echoes the content it was sent; when it did, the certificate's thumbprint is used rather than the content
        /// hashed again (once per upload, that was measurable: bench/README.md).
        /// </summary>
        public static EnterpriseCodeSigningCertificate ToCreated(IReadOnlyDictionary<string, object?> json, IReadOnlyDictionary<string, object?> sent, X509Certificate2 certificate)
        {
            var content = Bytes(json, "content");
            var created = Build(json, content);
            return content is not null && Bytes(sent, "content") is { } sentContent && content.SequenceEqual(sentContent)
                ? created.WithThumbprint(certificate.Thumbprint)
                : created;
        }

        private static EnterpriseCodeSigningCertificate Build(IReadOnlyDictionary<string, object?> json, byte[]? content)
        {
            return new EnterpriseCodeSigningCertificate(
                Text(json, "id"),
                CertificateStatus.FromGraph(Text(json, "status")),
                Text(json, "subject"),
                Text(json, "subjectName"),
                Text(json, "issuer"),
                Text(json, "issuerName"),
                Date(json, "expirationDateTime"),
                Date(json, "uploadDateTime"),
                content);
        }

        private static string? Text(IReadOnlyDictionary<string, object?> json, string name) =>
            json.TryGetValue(name, out var value) ? value as string : null;

        private static DateTimeOffset? Date(IReadOnlyDictionary<string, object?> json, string name)
        {
            // Graph's own shape first (an exact parse is a fraction of a general one, twice per certificate), then any
            // other date .NET can read.
            var text = Text(json, name);
            return text is not null
                && (DateTimeOffset.TryParseExact(text, GraphDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                    || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
                ? date.ToUniversalTime()
                : null;
        }

        /// <summary>Base64 content as Graph sends it, or the bytes of a body this module built.</summary>
        private static byte[]? Bytes(IReadOnlyDictionary<string, object?> json, string name)
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
