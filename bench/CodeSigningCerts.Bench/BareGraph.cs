using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace CodeSigningCerts.Bench;

/// <summary>
/// The baseline: the same requests the module makes (the listing of the collection, the POST, the DELETE), done with
/// nothing but HttpClient and System.Text.Json. It does the same work per certificate: builds the resource from the
/// certificate (the same eight properties), sends it with the same headers (bearer token, client-request-id,
/// User-Agent, Accept), reads the whole answer and parses it.
/// </summary>
internal sealed class BareGraph : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly HttpClient _http;
    private readonly Uri _collection;
    private readonly AuthenticationHeaderValue _authorization;

    public BareGraph(Uri graphRoot, string token)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
        });
        _collection = new Uri(graphRoot, "beta/deviceAppManagement/enterpriseCodeSigningCertificates");
        _authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>POSTs one certificate; returns the new id.</summary>
    public async Task<string> PostAsync(X509Certificate2 certificate)
    {
        var content = new ByteArrayContent(Body(certificate));
        content.Headers.ContentType = Json;
        using var document = JsonDocument.Parse(await SendAsync(HttpMethod.Post, _collection, content));
        return document.RootElement.GetProperty("id").GetString() ?? throw new InvalidOperationException("No id in " + document.RootElement);
    }

    /// <summary>
    /// GETs the whole collection, every page (following @odata.nextLink), each read whole and parsed, as a New- command
    /// lists the tenant before its first upload; returns how many entries it holds.
    /// </summary>
    public async Task<int> ListAsync()
    {
        var entries = 0;
        for (Uri? next = _collection; next is not null;)
        {
            using var document = JsonDocument.Parse(await SendAsync(HttpMethod.Get, next, null));
            entries += document.RootElement.GetProperty("value").GetArrayLength();
            next = document.RootElement.TryGetProperty("@odata.nextLink", out var link) ? new Uri(link.GetString()!) : null;
        }

        return entries;
    }

    /// <summary>DELETEs the entry with <paramref name="id"/> (Graph answers 204, no body).</summary>
    public async Task DeleteAsync(string id) =>
        await SendAsync(HttpMethod.Delete, new Uri(_collection + "/" + Uri.EscapeDataString(id)), null);

    /// <summary>Sends with the module's headers (bearer token, client-request-id, User-Agent, Accept); the whole answer, read.</summary>
    private async Task<string> SendAsync(HttpMethod method, Uri uri, HttpContent? content)
    {
        using var message = new HttpRequestMessage(method, uri) { Content = content };
        message.Headers.Authorization = _authorization;
        message.Headers.TryAddWithoutValidation("client-request-id", Guid.NewGuid().ToString());
        message.Headers.TryAddWithoutValidation("User-Agent", "BareHttpClient/1.0");
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("The bare " + method + " got " + (int)response.StatusCode + ": " + text);
        }

        return text;
    }

    private static byte[] Body(X509Certificate2 certificate)
    {
        using var buffer = new MemoryStream(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("content", Convert.ToBase64String(certificate.RawData));
            writer.WriteString("subject", certificate.Subject);
            writer.WriteString("subjectName", certificate.GetNameInfo(X509NameType.SimpleName, false));
            writer.WriteString("issuer", certificate.Issuer);
            writer.WriteString("issuerName", certificate.GetNameInfo(X509NameType.SimpleName, true));
            writer.WriteString("expirationDateTime", certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("uploadDateTime", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("status", "notProvisioned");
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public void Dispose() => _http.Dispose();
}
