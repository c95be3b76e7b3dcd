using System.Text;

namespace GraphEmulator.Hosting;

/// <summary>
/// An answer built in full before anything is written, so a fault can still drop it (reset after
/// processing), cut it (malformed JSON) or swap it.
/// </summary>
internal sealed class EmulatorResponse
{
    /// <summary>What Graph sends on success; a client must not insist on plain "application/json".</summary>
    public const string ODataJson = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    public EmulatorResponse(int status, string? contentType = null, byte[]? body = null)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
    }

    public int Status { get; }

    public string? ContentType { get; }

    public byte[]? Body { get; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>False for a page from something in front of Graph, which has no request-id to give.</summary>
    public bool CarriesGraphIds { get; init; } = true;

    /// <summary>The wait a Retry-After header announces, for the request log.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// For a Retry-After given as a date: the moment it names. The log then measures the wait from when the
    /// answer is written, so a retry is judged against the moment promised, however long the answer took to leave.
    /// </summary>
    public DateTimeOffset? RetryAt { get; set; }

    public static EmulatorResponse Json(int status, byte[] body) => new(status, ODataJson, body);

    public static EmulatorResponse NoContent() => new(204);

    public static EmulatorResponse Text(int status, string contentType, string text) => new(status, contentType, Encoding.UTF8.GetBytes(text));
}
