using System.Security.Cryptography.X509Certificates;

namespace GraphEmulator.Graph;

/// <summary>
/// One enterpriseCodeSigningCertificate as the emulator holds it. Immutable: an update replaces the
/// instance in the store, so a test holding one sees a consistent snapshot.
/// </summary>
public sealed class StoredCertificate
{
    /// <summary>What an entity gets when its body does not say.</summary>
    public const string DefaultStatus = "notProvisioned";

    private readonly byte[]? content;

    internal StoredCertificate(
        string id,
        byte[]? content,
        string status,
        string? subject,
        string? subjectName,
        string? issuer,
        string? issuerName,
        DateTimeOffset expirationDateTime,
        DateTimeOffset uploadDateTime,
        string? rawJson,
        int version)
    {
        Id = id;
        this.content = content?.ToArray();
        Status = status;
        Subject = subject;
        SubjectName = subjectName;
        Issuer = issuer;
        IssuerName = issuerName;
        ExpirationDateTime = expirationDateTime;
        UploadDateTime = uploadDateTime;
        RawJson = rawJson;
        Version = version;
    }

    /// <summary>Server-assigned id (a GUID unless seeded otherwise).</summary>
    public string Id { get; }

    /// <summary>DER bytes of the public certificate, or null. A copy: changing it changes nothing stored.</summary>
    public byte[]? Content => content?.ToArray();

    /// <summary>notProvisioned, provisioned, or whatever a seed stored.</summary>
    public string Status { get; }

    /// <summary>Subject distinguished name.</summary>
    public string? Subject { get; }

    /// <summary>Subject simple name.</summary>
    public string? SubjectName { get; }

    /// <summary>Issuer distinguished name.</summary>
    public string? Issuer { get; }

    /// <summary>Issuer simple name.</summary>
    public string? IssuerName { get; }

    /// <summary>Expiry.</summary>
    public DateTimeOffset ExpirationDateTime { get; }

    /// <summary>Upload time.</summary>
    public DateTimeOffset UploadDateTime { get; }

    /// <summary>The body of the last POST or PATCH that built this entity, exactly as received; null when seeded.</summary>
    public string? RawJson { get; }

    /// <summary>Bumped on every update; the source of the entity's @odata.etag.</summary>
    public int Version { get; }

    /// <summary>The content as a certificate, or null when there is none or it does not parse.</summary>
    public X509Certificate2? ToX509()
    {
        if (content is null)
        {
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(content);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    internal static StoredCertificate Create(string id, CertificateChanges changes, string? rawJson, DateTimeOffset now) =>
        new(
            id,
            changes.Content.Or(null),
            changes.Status.Or(DefaultStatus),
            changes.Subject.Or(null),
            changes.SubjectName.Or(null),
            changes.Issuer.Or(null),
            changes.IssuerName.Or(null),
            // A non-nullable property a body leaves out gets the type's default, as an OData service does;
            // the upload time is the service's own clock, which is what Intune shows.
            changes.ExpirationDateTime.Or(default),
            changes.UploadDateTime.Or(now),
            rawJson,
            1);

    /// <summary>The same entity with its DNs spelled otherwise (the service's own spelling, say).</summary>
    internal StoredCertificate WithNames(string subject, string issuer) =>
        new(Id, content, Status, subject, SubjectName, issuer, IssuerName, ExpirationDateTime, UploadDateTime, RawJson, Version);

    internal StoredCertificate With(CertificateChanges changes, string? rawJson) =>
        new(
            Id,
            changes.Content.Or(content),
            changes.Status.Or(Status),
            changes.Subject.Or(Subject),
            changes.SubjectName.Or(SubjectName),
            changes.Issuer.Or(Issuer),
            changes.IssuerName.Or(IssuerName),
            changes.ExpirationDateTime.Or(ExpirationDateTime),
            changes.UploadDateTime.Or(UploadDateTime),
            rawJson,
            Version + 1);
}
