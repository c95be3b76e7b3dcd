using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace CodeSigningCerts.UnitTests.Upload;

/// <summary>
/// Graph's certificate collection in memory, on a virtual clock, behind an HttpMessageHandler: the unit tier's
/// stand-in for the emulator. It behaves as the service does where the upload core depends on it: content null on
/// reads, a listing that shows a new entry only <see cref="ListingLag"/> after it was created, the client's
/// uploadDateTime kept, and, when a test asks, answers lost after the write was carried out (or before), and 429s.
/// </summary>
internal sealed class FakeGraph : HttpMessageHandler
{
    private readonly FakeTimeProvider _time;
    private readonly object _gate = new();
    private readonly List<(JsonObject Entity, DateTimeOffset CreatedAt)> _entries = [];
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage?>> _faults = new();
    private int _nextId;

    public FakeGraph(FakeTimeProvider time) => _time = time;

    /// <summary>How long after its creation an entry first shows in a listing.</summary>
    public TimeSpan ListingLag { get; set; }

    /// <summary>Every request, with the virtual time it arrived at.</summary>
    public List<(string Method, string Path, DateTimeOffset At)> Requests { get; } = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public IReadOnlyList<JsonObject> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.Select(e => e.Entity).ToList();
            }
        }
    }

    public IEnumerable<(string Method, string Path, DateTimeOffset At)> Writes => Requests.Where(r => r.Method != "GET");

    /// <summary>Puts an entry in the tenant as an upload at <paramref name="uploadedAt"/> made it.</summary>
    public string Add(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, DateTimeOffset uploadedAt)
    {
        var body = new JsonObject
        {
            ["subject"] = certificate.Subject,
            ["issuer"] = certificate.Issuer,
            ["subjectName"] = certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false),
            ["expirationDateTime"] = certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["uploadDateTime"] = uploadedAt.ToString("o"),
            ["status"] = "notProvisioned",
        };
        lock (_gate)
        {
            return Store(body, _time.GetUtcNow() - ListingLag);
        }
    }

    /// <summary>The next POST is carried out, and its answer lost: the connection resets.</summary>
    public void LoseNextAnswerAfterStoring() => _faults.Enqueue(request => request.Method == HttpMethod.Post ? StoreThen(request, () => throw new HttpRequestException("The connection was reset.", new IOException("reset"))) : null);

    /// <summary>The next POST is carried out, and a gateway answers 504 for it.</summary>
    public void GatewayTimeoutAfterStoring() => _faults.Enqueue(request => request.Method == HttpMethod.Post ? StoreThen(request, () => new HttpResponseMessage(HttpStatusCode.GatewayTimeout)) : null);

    /// <summary>The next POST never reaches the service: a gateway answers 504.</summary>
    public void GatewayTimeoutWithoutStoring() => _faults.Enqueue(request => request.Method == HttpMethod.Post ? new HttpResponseMessage(HttpStatusCode.GatewayTimeout) : null);

    /// <summary>The next request is throttled with <paramref name="retryAfter"/> as its Retry-After header (null: none).</summary>
    public void Throttle(string? retryAfter) => _faults.Enqueue(_ =>
    {
        var response = new HttpResponseMessage((HttpStatusCode)429) { Content = Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "TooManyRequests", ["message"] = "Throttled" } }) };
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
    });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Requests.Add((request.Method.Method, request.RequestUri!.PathAndQuery, _time.GetUtcNow()));
            if (_faults.Count > 0 && _faults.Peek()(request) is { } faulted)
            {
                _faults.Dequeue();
                return Task.FromResult(faulted);
            }

            return Task.FromResult(Answer(request));
        }
    }

    private HttpResponseMessage StoreThen(HttpRequestMessage request, Func<HttpResponseMessage> answer)
    {
        Store(Body(request), _time.GetUtcNow());
        return answer();
    }

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var id = path.EndsWith("enterpriseCodeSigningCertificates", StringComparison.Ordinal) ? null : Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
        switch (request.Method.Method, id)
        {
            case ("GET", null):
                var now = _time.GetUtcNow();
                var listed = new JsonArray(_entries.Where(e => e.CreatedAt + ListingLag <= now).Select(e => (JsonNode)Read(e.Entity)).ToArray());
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = Json(new JsonObject { ["value"] = listed }) };
            case ("POST", null):
                var body = Body(request);
                Store(body, _time.GetUtcNow());
                return new HttpResponseMessage(HttpStatusCode.Created) { Content = Json(body.DeepClone().AsObject()) };
            case ("DELETE", { } gone):
                var removed = _entries.RemoveAll(e => (string?)e.Entity["id"] == gone);
                return new HttpResponseMessage(removed > 0 ? HttpStatusCode.NoContent : HttpStatusCode.NotFound) { Content = removed > 0 ? null : Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "ResourceNotFound", ["message"] = "Not found" } }) };
            default:
                return new HttpResponseMessage(HttpStatusCode.BadRequest);
        }
    }

    private string Store(JsonObject body, DateTimeOffset createdAt)
    {
        var id = "id-" + Interlocked.Increment(ref _nextId).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        body["id"] = id;
        _entries.Add((body, createdAt));
        return id;
    }

    // Graph's reads answer "content": null once an entry is uploaded.
    private static JsonObject Read(JsonObject entity)
    {
        var copy = entity.DeepClone().AsObject();
        copy["content"] = null;
        return copy;
    }

    private static JsonObject Body(HttpRequestMessage request) =>
        JsonNode.Parse(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult())!.AsObject();

    private static StringContent Json(JsonObject json) => new(json.ToJsonString(), Encoding.UTF8, "application/json");
}
