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
    private readonly Queue<TimeSpan> _lateArrivals = new();
    private readonly List<(string Method, SoakFault Fault)> _nextFaults = [];
    private (Random Generator, double Probability)? _random;
    private int _nextId;

    public FakeGraph(FakeTimeProvider time) => _time = time;

    /// <summary>How long after its creation an entry first shows in a listing.</summary>
    public TimeSpan ListingLag { get; set; }

    /// <summary>Every request, with the virtual time it arrived at.</summary>
    public List<(string Method, string Path, DateTimeOffset At)> Requests { get; } = [];

    /// <summary>How many requests have arrived: the work's progress, which <see cref="VirtualTime"/> watches.</summary>
    public int RequestCount
    {
        get
        {
            lock (_gate)
            {
                return Requests.Count;
            }
        }
    }

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

    /// <summary>How many requests with <paramref name="method"/> have arrived; safe while requests are still arriving.</summary>
    public int CountOf(string method)
    {
        lock (_gate)
        {
            return Requests.Count(r => r.Method == method);
        }
    }

    /// <summary>A connection to this Graph on <paramref name="time"/>, with a token it takes and the module's options.</summary>
    public CodeSigningCerts.Engine.CertificateApi Connect(TimeProvider time, int writeLimit = 100, TimeSpan? requestTimeout = null) =>
        new(new CodeSigningCerts.Engine.GraphClientOptions(new Uri("https://graph.microsoft.com"), "UnitTests/1.0")
            {
                Clock = new CodeSigningCerts.Engine.GraphClock(time),
                Handler = this,
                WriteLimit = writeLimit,
                Timeout = requestTimeout ?? TimeSpan.FromSeconds(100),
            },
            new CodeSigningCerts.Engine.StaticTokenSource("unit-test-token", null));

    /// <summary>
    /// Puts an entry in the tenant as an upload at <paramref name="uploadedAt"/> made it, its subject and issuer spelled
    /// as given (the service's own spelling, or text that is no DN), else as .NET spells them.
    /// </summary>
    public string Add(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, DateTimeOffset uploadedAt, string? subject = null, string? issuer = null)
    {
        var body = new JsonObject
        {
            ["subject"] = subject ?? certificate.Subject,
            ["issuer"] = issuer ?? certificate.Issuer,
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

    /// <summary>The next request with <paramref name="method"/> meets <paramref name="fault"/>.</summary>
    public void Next(SoakFault fault, string method) => _nextFaults.Add((method, fault));

    /// <summary>The next request reaches the service <paramref name="delay"/> after it was sent (a slow network): it is counted, and recorded, when it arrives.</summary>
    public void ArriveNextLate(TimeSpan delay) => _lateArrivals.Enqueue(delay);

    /// <summary>The next request is throttled with <paramref name="retryAfter"/> as its Retry-After header (null: none).</summary>
    public void Throttle(string? retryAfter) => _faults.Enqueue(_ => WithRetryAfter(429, retryAfter));

    /// <summary>Random faults (<see cref="SoakFault"/>) on this share of requests, drawn from <paramref name="seed"/>; null stops them.</summary>
    public void UseRandomFaults(int seed, double probability) => _random = (new Random(seed), probability);

    public void StopRandomFaults() => _random = null;

    /// <summary>Each random fault that was applied.</summary>
    public List<SoakFault> FaultsApplied { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        TimeSpan? late = null;
        lock (_gate)
        {
            if (_lateArrivals.Count > 0)
            {
                late = _lateArrivals.Dequeue();
            }
        }

        if (late is { } delay)
        {
            await _time.Delay(delay, cancellationToken);
        }

        SoakFault? fault = null;
        lock (_gate)
        {
            Requests.Add((request.Method.Method, request.RequestUri!.PathAndQuery, _time.GetUtcNow()));
            if (_faults.Count > 0 && _faults.Peek()(request) is { } faulted)
            {
                _faults.Dequeue();
                return faulted;
            }

            var next = _nextFaults.FindIndex(f => f.Method == request.Method.Method);
            if (next >= 0)
            {
                fault = _nextFaults[next].Fault;
                _nextFaults.RemoveAt(next);
                FaultsApplied.Add(fault.Value);
            }
            else if (_random is { } random && random.Generator.NextDouble() < random.Probability)
            {
                fault = (SoakFault)random.Generator.Next(Enum.GetValues<SoakFault>().Length);
                FaultsApplied.Add(fault.Value);
            }
        }

        if (fault == SoakFault.SlowResponse)
        {
            // Longer than any attempt's timeout: the client gives up first, and the request is never carried out.
            await _time.Delay(TimeSpan.FromMinutes(10), cancellationToken);
        }

        lock (_gate)
        {
            return fault is { } kind ? Faulted(kind, request) : Answer(request);
        }
    }

    private HttpResponseMessage Faulted(SoakFault fault, HttpRequestMessage request)
    {
        var write = request.Method != HttpMethod.Get;
        switch (fault)
        {
            case SoakFault.TooManyRequests:
                return WithRetryAfter(429, "1.5");
            case SoakFault.TooManyRequestsHttpDate:
                return WithRetryAfter(429, (_time.GetUtcNow() + TimeSpan.FromSeconds(2)).ToString("r"));
            case SoakFault.TooManyRequestsNoRetryAfter:
                return WithRetryAfter(429, null);
            case SoakFault.ServiceUnavailable:
                return WithRetryAfter(503, "1");
            case SoakFault.GatewayTimeoutBeforeProcessing:
                return new HttpResponseMessage(HttpStatusCode.GatewayTimeout);
            case SoakFault.GatewayTimeoutAfterProcessing:
                Answer(request).Dispose();
                return new HttpResponseMessage(HttpStatusCode.GatewayTimeout);
            case SoakFault.ResetBeforeProcessing:
                throw new HttpRequestException("The connection was reset.", new IOException("reset"));
            case SoakFault.ResetAfterProcessing:
                Answer(request).Dispose();
                throw new HttpRequestException("The connection was reset.", new IOException("reset"));
            case SoakFault.MalformedJson:
                // Carried out, and its answer cut in half.
                var real = Answer(request);
                var text = real.Content?.ReadAsStringAsync().GetAwaiter().GetResult() ?? "{}";
                return new HttpResponseMessage(real.StatusCode) { Content = new StringContent(text[..(text.Length / 2)], Encoding.UTF8, "application/json") };
            case SoakFault.HtmlBody:
                // A proxy's error page: the request went no further.
                return new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html><body>Bad gateway</body></html>", Encoding.UTF8, "text/html") };
            default:
                throw new InvalidOperationException("A slow response is answered as usual once its client is gone.");
        }
    }

    private static HttpResponseMessage WithRetryAfter(int status, string? retryAfter)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "TooManyRequests", ["message"] = "Throttled" } }) };
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return response;
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

/// <summary>Every way a request can fail on its way to Graph and back, as the emulator's faults do.</summary>
public enum SoakFault
{
    TooManyRequests,
    TooManyRequestsHttpDate,
    TooManyRequestsNoRetryAfter,
    ServiceUnavailable,
    GatewayTimeoutBeforeProcessing,
    GatewayTimeoutAfterProcessing,
    ResetBeforeProcessing,
    ResetAfterProcessing,
    SlowResponse,
    MalformedJson,
    HtmlBody,
}
