using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace GraphEmulator.Graph;

/// <summary>
/// Validates a POST or PATCH body as Graph would: a JSON object, only the entity's properties (case-sensitive),
/// the right JSON types, known enum values, dates with a zone, and a content that is the DER of one public certificate.
/// </summary>
internal static class CertificateBody
{
    private const string TypeName = "microsoft.graph.enterpriseCodeSigningCertificate";
    private static readonly string[] Statuses = ["notProvisioned", "provisioned"];

    /// <summary>Null when valid (<paramref name="changes"/> set), else Graph's message for a 400.</summary>
    public static string? Validate(string body, bool creating, string? routeId, out CertificateChanges changes)
    {
        changes = new CertificateChanges();
        if (string.IsNullOrWhiteSpace(body))
        {
            return "Empty Payload. JSON content expected.";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.";
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return $"A node of type '{document.RootElement.ValueKind}' was read from the JSON reader when trying to read the start of an entry. A 'StartObject' node was expected.";
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    return $"Multiple property values were found for the property '{property.Name}'.";
                }

                var error = Apply(property, creating, routeId, changes);
                if (error is not null)
                {
                    return error;
                }
            }
        }

        if (creating && (!changes.Content.IsSet || changes.Content.Value is null))
        {
            return "The 'content' property is required: the DER bytes of the public certificate, base64.";
        }

        return null;
    }

    private static string? Apply(JsonProperty property, bool creating, string? routeId, CertificateChanges changes)
    {
        var name = property.Name;
        var value = property.Value;
        if (name == "@odata.type")
        {
            var type = value.ValueKind == JsonValueKind.String ? value.GetString()!.TrimStart('#') : null;
            return type == TypeName ? null : $"A type named '{value}' could not be resolved by the model, or is not '{TypeName}'.";
        }

        if (name.Contains('@', StringComparison.Ordinal))
        {
            // Other instance and property annotations (@odata.etag, content@odata.mediaContentType) are ignored, as OData does.
            return null;
        }

        switch (name)
        {
            case "id":
                if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return TypeError(name, value, "Edm.String");
                }

                // On create Graph assigns the id and ignores the body's; on update the body may not name another entity.
                return !creating && value.ValueKind == JsonValueKind.String && !string.Equals(value.GetString(), routeId, StringComparison.OrdinalIgnoreCase)
                    ? "The id in the request body does not match the id in the URL."
                    : null;
            case "content":
                return ApplyContent(value, changes);
            case "status":
                if (value.ValueKind != JsonValueKind.String || !Statuses.Contains(value.GetString(), StringComparer.Ordinal))
                {
                    return $"Cannot convert the literal '{value}' to the expected type 'microsoft.graph.certificateStatus'.";
                }

                changes.Status = Change<string>.To(value.GetString()!);
                return null;
            case "subject":
                return ApplyString(name, value, c => changes.Subject = c);
            case "subjectName":
                return ApplyString(name, value, c => changes.SubjectName = c);
            case "issuer":
                return ApplyString(name, value, c => changes.Issuer = c);
            case "issuerName":
                return ApplyString(name, value, c => changes.IssuerName = c);
            case "expirationDateTime":
                return ApplyDate(name, value, c => changes.ExpirationDateTime = c);
            case "uploadDateTime":
                return ApplyDate(name, value, c => changes.UploadDateTime = c);
            default:
                return $"The property '{name}' does not exist on type '{TypeName}'. Make sure to only use property names that are defined by the type or mark the type as open type.";
        }
    }

    private static string? ApplyString(string name, JsonElement value, Action<Change<string?>> set)
    {
        if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return TypeError(name, value, "Edm.String");
        }

        set(Change<string?>.To(value.GetString()));
        return null;
    }

    private static string? ApplyDate(string name, JsonElement value, Action<Change<DateTimeOffset>> set)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return $"A null value was found for the property named '{name}', which has the expected type 'Edm.DateTimeOffset[Nullable=False]'. The expected type does not allow null values.";
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (text is null
            || !Patterns.DateTimeOffset().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return $"Cannot convert the literal '{value}' to the expected type 'Edm.DateTimeOffset'.";
        }

        set(Change<DateTimeOffset>.To(parsed));
        return null;
    }

    private static string? ApplyContent(JsonElement value, CertificateChanges changes)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            changes.Content = Change<byte[]?>.To(null);
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (text is null || text.Length == 0 || !Patterns.Base64().IsMatch(text))
        {
            return "Cannot convert the value of 'content' to 'Edm.Binary': it must be standard, padded base64.";
        }

        var bytes = Convert.FromBase64String(text);
        var problem = CertificateProblem(bytes);
        if (problem is not null)
        {
            return problem;
        }

        changes.Content = Change<byte[]?>.To(bytes);
        return null;
    }

    /// <summary>Null when the bytes are exactly the DER of one public certificate.</summary>
    private static string? CertificateProblem(byte[] bytes)
    {
        var asText = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        if (asText.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return "The 'content' property holds a private key. Send only the public certificate (DER).";
        }

        if (asText.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            return "The 'content' property is PEM text. Send the DER bytes of the certificate.";
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(bytes);
            if (certificate.HasPrivateKey)
            {
                return "The 'content' property holds a private key. Send only the public certificate (DER).";
            }

            // Exactly one DER certificate: trailing bytes, or a container that happened to parse, are refused.
            return certificate.RawData.AsSpan().SequenceEqual(bytes)
                ? null
                : "The 'content' property holds more than the DER bytes of one certificate.";
        }
        catch (CryptographicException)
        {
            return IsPkcs12(bytes)
                ? "The 'content' property is a PKCS#12 (PFX) blob, which carries a private key. Send only the public certificate (DER)."
                : "The 'content' property is not an X.509 certificate.";
        }
    }

    private static bool IsPkcs12(byte[] bytes)
    {
        try
        {
            return X509Certificate2.GetCertContentType(bytes) == X509ContentType.Pkcs12;
        }
        catch (CryptographicException)
        {
            return false; // not any format it knows
        }
    }

    private static string TypeError(string name, JsonElement value, string type) =>
        $"Cannot convert the literal '{value}' of property '{name}' to the expected type '{type}'.";
}
