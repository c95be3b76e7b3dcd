using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Newtonsoft.Json;

namespace CodeSigningCerts.Engine.Json
{
    /// <summary>
    /// The JSON of every request and answer, and the one place Newtonsoft is used: the mapping between an X509Certificate2
    /// and Graph's enterpriseCodeSigningCertificate (docs/examples.md, "From a certificate to the resource"), and JSON
    /// text to and from plain BCL values (dictionaries, lists, strings, numbers), so no Newtonsoft type ever leaves this
    /// file. Only the public certificate (RawData) is ever put in a body. The reader builds the dictionaries straight
    /// from Newtonsoft's token stream and checks what Graph sent is one JSON object, nothing more.
    /// </summary>
    internal static class CertificateJson
    {
        // JsonSerializer.Create, not JsonConvert: it does not take JsonConvert.DefaultSettings, which any other code in
        // the process may set. Serializing is thread-safe.
        private static readonly JsonSerializer Serializer = JsonSerializer.Create();

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

        /// <summary>The UTF-8 bytes of <paramref name="body"/>'s JSON; byte arrays in it are written as base64.</summary>
        public static byte[] Serialize(object body)
        {
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
            {
                Serializer.Serialize(writer, body);
            }

            return Encoding.UTF8.GetBytes(text.ToString());
        }

        /// <summary>Parses a JSON object; throws <see cref="FormatException"/> for anything else.</summary>
        public static IReadOnlyDictionary<string, object?> ParseObject(string json) =>
            TryParseObject(new StringReader(json)) ?? throw new FormatException("The body is not valid JSON: it is empty.");

        /// <summary>Parses a JSON object; null when there is no JSON at all (an empty or blank body); <see cref="FormatException"/> for anything else.</summary>
        public static IReadOnlyDictionary<string, object?>? TryParseObject(TextReader json)
        {
            try
            {
                // Dates stay strings: Graph's DateTimeOffset values are parsed by the caller, exactly, with
                // their offset, never reinterpreted in the local time zone.
                using var reader = new JsonTextReader(json)
                {
                    DateParseHandling = DateParseHandling.None,
                    FloatParseHandling = FloatParseHandling.Double,
                    MaxDepth = 64,
                };
                if (!ReadValue(reader))
                {
                    return null;
                }

                if (reader.TokenType != JsonToken.StartObject)
                {
                    // Read the value through, so that a malformed one is reported as not JSON at all.
                    ReadCurrent(reader);
                    throw new FormatException("The body is JSON but not a JSON object.");
                }

                var result = ReadObject(reader);
                if (ReadValue(reader))
                {
                    throw new FormatException("The body has more than one JSON value.");
                }

                return result;
            }
            catch (JsonException ex)
            {
                throw new FormatException("The body is not valid JSON: " + ex.Message, ex);
            }
        }

        /// <summary>Moves to the next token that is not a comment; false at the end.</summary>
        private static bool ReadValue(JsonReader reader)
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The value the reader is on (objects and arrays read to their end), as BCL values.</summary>
        private static object? ReadCurrent(JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonToken.StartObject:
                    return ReadObject(reader);
                case JsonToken.StartArray:
                    var list = new List<object?>();
                    while (ReadValue(reader) && reader.TokenType != JsonToken.EndArray)
                    {
                        list.Add(ReadCurrent(reader));
                    }

                    return reader.TokenType == JsonToken.EndArray ? list : throw Unterminated(reader);
                case JsonToken.Null:
                case JsonToken.Undefined:
                    return null;
                case JsonToken.String:
                case JsonToken.Integer:
                case JsonToken.Float:
                case JsonToken.Boolean:
                    return reader.Value;
                default:
                    throw new JsonReaderException("Unexpected token " + reader.TokenType + " at " + reader.Path + ".");
            }
        }

        /// <summary>Reads the object the reader's StartObject opens, to its EndObject.</summary>
        private static Dictionary<string, object?> ReadObject(JsonReader reader)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (ReadValue(reader) && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                if (!ReadValue(reader))
                {
                    throw Unterminated(reader);
                }

                // As JObject did: a repeated name keeps its last value.
                result[name] = ReadCurrent(reader);
            }

            return reader.TokenType == JsonToken.EndObject ? result : throw Unterminated(reader);
        }

        private static JsonReaderException Unterminated(JsonReader reader) =>
            new JsonReaderException("Unexpected end of the JSON at " + reader.Path + ".");
    }
}
