namespace GraphEmulator.Graph;

/// <summary>The properties one validated POST or PATCH body sets.</summary>
internal sealed class CertificateChanges
{
    public Change<byte[]?> Content { get; set; }

    public Change<string> Status { get; set; }

    public Change<string?> Subject { get; set; }

    public Change<string?> SubjectName { get; set; }

    public Change<string?> Issuer { get; set; }

    public Change<string?> IssuerName { get; set; }

    public Change<DateTimeOffset> ExpirationDateTime { get; set; }

    public Change<DateTimeOffset> UploadDateTime { get; set; }
}
