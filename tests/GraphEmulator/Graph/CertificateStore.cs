using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GraphEmulator.Graph;

/// <summary>The certificates of one tenant, in upload order. Thread-safe.</summary>
public sealed class CertificateStore
{
    private readonly Lock gate = new();
    private readonly List<StoredCertificate> items = [];

    // When each entry created through Graph was created, for listings that lag; a seeded entry shows at once.
    private readonly Dictionary<string, DateTimeOffset> createdAt = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A snapshot, in upload order.</summary>
    public IReadOnlyList<StoredCertificate> All
    {
        get
        {
            lock (gate)
            {
                return [.. items];
            }
        }
    }

    /// <summary>A snapshot, in upload order, of what a listing shows at <paramref name="cutoff"/>: entries created then or before.</summary>
    public IReadOnlyList<StoredCertificate> ListedAt(DateTimeOffset cutoff)
    {
        lock (gate)
        {
            return [.. items.Where(c => !createdAt.TryGetValue(c.Id, out var at) || at <= cutoff)];
        }
    }

    /// <summary>How many are held.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    /// <summary>The entity with <paramref name="id"/> (case-insensitive, as Graph ids are), or null.</summary>
    public StoredCertificate? Find(string id)
    {
        lock (gate)
        {
            return items.Find(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// Seeds an entity. Each property left null is taken from <paramref name="content"/> when that parses as a
    /// certificate (the project's mapping: Subject, CN, Issuer, issuer CN, NotAfter); the upload time defaults to now.
    /// </summary>
    public StoredCertificate Add(
        byte[]? content,
        string? id = null,
        string status = StoredCertificate.DefaultStatus,
        string? subject = null,
        string? subjectName = null,
        string? issuer = null,
        string? issuerName = null,
        DateTimeOffset? expirationDateTime = null,
        DateTimeOffset? uploadDateTime = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        using var parsed = TryParse(content);
        var entity = new StoredCertificate(
            id ?? Guid.NewGuid().ToString(),
            content,
            status,
            subject ?? parsed?.Subject,
            subjectName ?? parsed?.GetNameInfo(X509NameType.SimpleName, false),
            issuer ?? parsed?.Issuer,
            issuerName ?? parsed?.GetNameInfo(X509NameType.SimpleName, true),
            expirationDateTime ?? (parsed is null ? default : new DateTimeOffset(parsed.NotAfter.ToUniversalTime(), TimeSpan.Zero)),
            uploadDateTime ?? DateTimeOffset.UtcNow,
            null,
            1);
        Insert(entity);
        return entity;
    }

    /// <summary>Seeds an entity from a certificate, mapped as the module maps it.</summary>
    public StoredCertificate Add(X509Certificate2 certificate, string status = StoredCertificate.DefaultStatus, DateTimeOffset? uploadDateTime = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Add(certificate.RawData, status: status, uploadDateTime: uploadDateTime);
    }

    /// <summary>Removes everything.</summary>
    public void Clear()
    {
        lock (gate)
        {
            items.Clear();
            createdAt.Clear();
        }
    }

    internal void Insert(StoredCertificate entity, DateTimeOffset? created = null)
    {
        lock (gate)
        {
            if (items.Exists(c => string.Equals(c.Id, entity.Id, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException($"An entity with id '{entity.Id}' already exists.");
            }

            items.Add(entity);
            if (created is { } at)
            {
                createdAt[entity.Id] = at;
            }
        }
    }

    /// <summary>Applies <paramref name="update"/> to the entity atomically; null when it is absent.</summary>
    internal StoredCertificate? Update(string id, Func<StoredCertificate, StoredCertificate> update)
    {
        lock (gate)
        {
            var index = items.FindIndex(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }

            items[index] = update(items[index]);
            return items[index];
        }
    }

    internal bool Remove(string id)
    {
        lock (gate)
        {
            createdAt.Remove(id);
            return items.RemoveAll(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase)) > 0;
        }
    }

    private static X509Certificate2? TryParse(byte[]? content)
    {
        if (content is null)
        {
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(content);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
