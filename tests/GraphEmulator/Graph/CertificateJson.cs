using System.Globalization;
using System.Text;
using System.Text.Json;
using GraphEmulator.Hosting;

namespace GraphEmulator.Graph;

/// <summary>Writes enterpriseCodeSigningCertificate entities as Graph does.</summary>
internal static class CertificateJson
{
    public const string ODataType = "#microsoft.graph.enterpriseCodeSigningCertificate";

    /// <summary>The entity's properties, in the order Graph's metadata lists them.</summary>
    public static readonly IReadOnlyList<string> Properties =
        ["id", "content", "status", "subject", "subjectName", "issuer", "issuerName", "expirationDateTime", "uploadDateTime"];

    /// <summary>One entity as a whole response body, with its @odata.context.</summary>
    public static byte[] Document(GraphRequest request, StoredCertificate entity, EmulatorOptions options, IReadOnlySet<string>? select)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonFormat.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.context", Context(request, select) + "/$entity");
            WriteProperties(writer, entity, options, select, HttpMethods.IsGet(request.Method));
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The entity set's @odata.context; a $select shows in it, as Graph shows it.</summary>
    public static string Context(GraphRequest request, IReadOnlySet<string>? select) =>
        select is null ? request.ContextUrl : $"{request.ContextUrl}({string.Join(',', select)})";

    /// <summary>One entity of a listing: a read, so its content is null unless <see cref="EmulatorOptions.ReturnContentOnReads"/>.</summary>
    public static void WriteEntity(Utf8JsonWriter writer, StoredCertificate entity, EmulatorOptions options, IReadOnlySet<string>? select)
    {
        writer.WriteStartObject();
        WriteProperties(writer, entity, options, select, read: true);
        writer.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter writer, StoredCertificate entity, EmulatorOptions options, IReadOnlySet<string>? select, bool read)
    {
        var unknown = options.IncludeUnknownProperties;
        if (unknown)
        {
            writer.WriteString("@odata.type", ODataType);
            writer.WriteString("@odata.etag", ETag(entity));
        }

        // Graph always returns the key, $select or not.
        writer.WriteString("id", entity.Id);
        bool Wanted(string name) => select is null || select.Contains(name);

        if (Wanted("content"))
        {
            var content = entity.Content;
            // The service clears content once the entry is uploaded: a read never returns it (Graph's metadata).
            if (content is null || options.NullContentInResponses || (read && !options.ReturnContentOnReads))
            {
                writer.WriteNull("content");
            }
            else
            {
                writer.WriteString("content", Convert.ToBase64String(content));
            }
        }

        WriteString(writer, "status", entity.Status, Wanted);
        WriteString(writer, "subject", entity.Subject, Wanted);
        WriteString(writer, "subjectName", entity.SubjectName, Wanted);
        WriteString(writer, "issuer", entity.Issuer, Wanted);
        WriteString(writer, "issuerName", entity.IssuerName, Wanted);
        WriteDate(writer, "expirationDateTime", entity.ExpirationDateTime, Wanted);
        WriteDate(writer, "uploadDateTime", entity.UploadDateTime, Wanted);

        if (unknown)
        {
            // A property the module's model does not know yet: an enum value from the future and an object.
            writer.WriteString("revocationState", "futureValue");
            writer.WriteStartObject("futureProperty");
            writer.WriteString("kind", "unknownFutureValue");
            writer.WriteNumber("version", 2);
            writer.WriteStartArray("items");
            writer.WriteStartObject();
            writer.WriteString("name", "nested");
            writer.WriteBoolean("enabled", true);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value, Func<string, bool> wanted)
    {
        if (!wanted(name))
        {
            return;
        }

        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset value, Func<string, bool> wanted)
    {
        if (wanted(name))
        {
            writer.WriteString(name, Format(value));
        }
    }

    /// <summary>ISO 8601 round-trip form, in UTC.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);

    private static string ETag(StoredCertificate entity) =>
        "W/\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"'{entity.Version}-{entity.Id}'")) + "\"";
}
